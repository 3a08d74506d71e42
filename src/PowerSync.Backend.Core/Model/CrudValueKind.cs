namespace PowerSync.Backend.Core.Model;

/// <summary>What a <see cref="CrudValue"/> holds.</summary>
public enum CrudValueKind
{
    /// <summary>SQL NULL (JSON <c>null</c>).</summary>
    Null,

    /// <summary>A whole number that fits in 64 bits.</summary>
    Integer,

    /// <summary>A floating-point number (SQLite REAL).</summary>
    Real,

    /// <summary>Text.</summary>
    Text,

    /// <summary>A JSON <c>true</c> or <c>false</c>; SQLite clients send 0/1 instead.</summary>
    Boolean,

    /// <summary>A JSON object or array sent as a value, kept as its raw JSON text.</summary>
    Json,
}
