namespace PowerSync.Backend.Conformance;

/// <summary>
/// The logical schema every provider creates, in its own dialect, for each test (see
/// <see cref="ConformanceDatabase.CreateAsync"/>). Every table's primary key is a text column <c>id</c>.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term><c>lists</c></term><description><c>name</c> text NOT NULL, <c>owner_id</c> text, <c>created_at</c> timestamp with time zone.</description></item>
/// <item><term><c>todos</c></term><description><c>list_id</c> text, a foreign key to <c>lists(id)</c> (not deferrable, no cascade);
/// <c>description</c> text, <c>completed</c> boolean, <c>version</c> 32-bit integer, <c>updated_at</c> timestamp with time zone.</description></item>
/// <item><term><c>typed</c></term><description>One column per coercion, named in <see cref="Typed"/>.</description></item>
/// <item><term><see cref="HostileTable"/></term><description>The columns in <see cref="HostileColumns"/>, all text.</description></item>
/// </list>
/// </remarks>
public static class ConformanceSchema
{
    /// <summary>The parent table.</summary>
    public const string Lists = "lists";

    /// <summary>The child table, with a foreign key to <see cref="Lists"/>.</summary>
    public const string Todos = "todos";

    /// <summary>The table with one column per type coercion.</summary>
    public const string TypedTable = "typed";

    /// <summary>A table whose name holds a double quote, a semicolon, SQL, a backtick, a bracket and non-ASCII letters (38 UTF-8 bytes).</summary>
    public const string HostileTable = "we\"ird`; DROP TABLE todos;-- [tâble] 表";

    /// <summary>The labels of the enumeration column <see cref="Typed.Enum"/>, in order.</summary>
    public static IReadOnlyList<string> MoodLabels { get; } = ["happy", "sad", "meh"];

    /// <summary>The default of <see cref="Typed.WithDefault"/>.</summary>
    public const string DefaultText = "dflt";

    /// <summary>The text columns of <see cref="HostileTable"/> besides <c>id</c> (no trailing spaces: MySQL refuses them).</summary>
    public static IReadOnlyList<string> HostileColumns { get; } =
    [
        "col \"quoted\"",
        "semi;colon --x",
        "ünï cödé 表",
        "$1::text",
        "back`tick ]bracket",
        "select",
    ];

    /// <summary>The columns of <see cref="TypedTable"/> and the type each must have.</summary>
    public static class Typed
    {
        /// <summary>boolean.</summary>
        public const string Bool = "c_bool";

        /// <summary>32-bit integer.</summary>
        public const string Int = "c_int";

        /// <summary>64-bit integer.</summary>
        public const string BigInt = "c_bigint";

        /// <summary>Exact decimal, precision 12, scale 3.</summary>
        public const string Numeric = "c_numeric";

        /// <summary>Double-precision float.</summary>
        public const string Double = "c_double";

        /// <summary>UUID (or the provider's closest type: a 36-character text column).</summary>
        public const string Uuid = "c_uuid";

        /// <summary>Timestamp with time zone (an instant).</summary>
        public const string TimestampTz = "c_timestamptz";

        /// <summary>Timestamp without time zone, holding UTC wall-clock time.</summary>
        public const string Timestamp = "c_timestamp";

        /// <summary>Calendar date.</summary>
        public const string Date = "c_date";

        /// <summary>Time of day, microsecond precision.</summary>
        public const string Time = "c_time";

        /// <summary>JSON document (jsonb, JSON, or nvarchar(max) with a JSON check).</summary>
        public const string Json = "c_json";

        /// <summary>Array of 32-bit integers (or JSON where the database has no arrays).</summary>
        public const string IntArray = "c_int_array";

        /// <summary>Array of text (or JSON where the database has no arrays).</summary>
        public const string TextArray = "c_text_array";

        /// <summary>Enumeration of <see cref="MoodLabels"/>.</summary>
        public const string Enum = "c_enum";

        /// <summary>Binary (clients send base64).</summary>
        public const string Bytes = "c_bytea";

        /// <summary>Text of at most 5 characters.</summary>
        public const string Varchar = "c_varchar";

        /// <summary>Unbounded text.</summary>
        public const string Text = "c_text";

        /// <summary>Text with the default <see cref="DefaultText"/>.</summary>
        public const string WithDefault = "c_default";

        /// <summary>Text, NOT NULL, without a default.</summary>
        public const string Required = "c_required";
    }
}
