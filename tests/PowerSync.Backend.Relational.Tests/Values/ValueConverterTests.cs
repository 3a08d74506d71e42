using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Relational.Schema;
using PowerSync.Backend.Relational.Values;
using static PowerSync.Backend.Conformance.Crud;
using static PowerSync.Backend.Relational.Tests.TestCatalog;

namespace PowerSync.Backend.Relational.Tests.Values;

/// <summary>The conversion rules every SQL dialect shares; the dialect only spells the result.</summary>
public sealed class ValueConverterTests
{
    private readonly MarkingFormatter _formatter = new();

    private ValueConverter Converter => new(_formatter);

    [Theory]
    [InlineData(true, "B1")]
    [InlineData(1L, "B1")]
    [InlineData(0L, "B0")]
    [InlineData("1", "B1")]
    [InlineData("true", "B1")]
    [InlineData(" False ", "B0")]
    [InlineData("t", "B1")]
    [InlineData("F", "B0")]
    public void Booleans_accept_SQLite_integers_and_words_and_are_spelled_by_the_dialect(object sent, string stored)
    {
        Assert.Equal(stored, Accept(Value(sent), Column("c", ColumnKind.Boolean)));
    }

    [Theory]
    [InlineData(2L)]
    [InlineData("maybe")]
    [InlineData(1.0)]
    public void Booleans_refuse_anything_else(object sent)
    {
        Assert.EndsWith("is not a valid boolean", Refuse(Value(sent), Column("c", ColumnKind.Boolean)), StringComparison.Ordinal);
    }

    [Fact]
    public void Integers_are_checked_against_the_column_range()
    {
        var small = Column("c", ColumnKind.Integer, "smallint") with { Range = IntegerRange.Int16 };
        var unsigned = Column("c", ColumnKind.Integer, "bigint unsigned") with { Range = new IntegerRange(0, ulong.MaxValue) };

        Assert.Equal("32767", Accept(Value(32767), small));
        Assert.Equal("-17", Accept(Value("-17"), small));
        Assert.Equal("42", Accept(Value(42.0), small));
        Assert.Equal("1", Accept(Value(true), small));
        Assert.Equal("18446744073709551615", Accept(Value("18446744073709551615"), unsigned));
        Refuse(Value(32768), small);
        Refuse(Value(1.5), small);
        Refuse(Value("4x2"), small);
        Refuse(Value(" 1"), small);
        Refuse(Value(-1), unsigned);
        Refuse(Value("18446744073709551616"), unsigned);
    }

    [Fact]
    public void A_whole_real_beyond_bigint_is_refused_rather_than_wrapped()
    {
        var bigint = Column("c", ColumnKind.Integer, "bigint");

        Refuse(Value(9223372036854775808.0), bigint);
        Assert.Equal("-9223372036854775808", Accept(Value(-9223372036854775808.0), bigint));
    }

    [Theory]
    [InlineData("123456789012345678901234567890.123456789", "123456789012345678901234567890.123456789")]
    [InlineData(" -0.125 ", "-0.125")]
    [InlineData(".5", ".5")]
    [InlineData("1.5e3", "1.5e3")]
    [InlineData(5L, "5")]
    [InlineData(1.25, "1.25")]
    public void Decimals_keep_every_digit_the_client_sent(object sent, string stored)
    {
        Assert.Equal(stored, Accept(Value(sent), Column("c", ColumnKind.Decimal, "numeric")));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1e")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("0x10")]
    public void Decimals_refuse_what_is_not_a_decimal_literal(string sent)
    {
        Refuse(Value(sent), Column("c", ColumnKind.Decimal, "numeric"));
    }

    [Fact]
    public void Floats_accept_numbers_and_numeric_text()
    {
        var column = Column("c", ColumnKind.Float, "double precision");

        Assert.Equal("2.5", Accept(Value("2.5"), column));
        Assert.Equal("3", Accept(Value(3), column));
        Assert.Equal("0.1", Accept(Value(0.1), column));
        Refuse(Value("x"), column);
    }

    [Fact]
    public void Canonical_uuids_pass_as_they_are_and_other_spellings_are_normalised()
    {
        var column = Column("c", ColumnKind.Uuid);
        const string Canonical = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
        var sent = Value(Canonical);

        Assert.Same(sent.AsText(), Accept(sent, column));
        Assert.Equal(Canonical, Accept(Value(Canonical.ToUpperInvariant()), column));
        Assert.Equal(Canonical, Accept(Value("{" + Canonical + "}"), column));
        Refuse(Value("not-a-uuid"), column);
        Refuse(Value(5), column);
    }

    [Fact]
    public void Iso_text_the_dialect_reads_as_it_is_skips_the_parse()
    {
        _formatter.KeptShapes.Add((IsoTimestampShape.Offset, true));
        var zoned = Column("c", ColumnKind.TimestampTz);

        Assert.Equal("2025-03-01T10:00:00+02:00", Accept(Value("2025-03-01T10:00:00+02:00"), zoned));
        Assert.Equal("Z:2025-03-01 08:00:00+00:00", Accept(Value("2025-03-01T08:00:00Z"), zoned));
    }

    [Fact]
    public void Other_timestamps_are_parsed_as_instants_and_a_missing_zone_means_UTC()
    {
        var zoned = Column("c", ColumnKind.TimestampTz);
        var local = Column("c", ColumnKind.Timestamp);
        var march1st8Utc = DateTimeOffset.Parse("2025-03-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

        Assert.Equal("Z:2025-03-01 08:00:00+00:00", Accept(Value("2025-03-01 08:00:00"), zoned));
        Assert.Equal("Z:2025-03-01 08:00:00+00:00", Accept(Value(march1st8Utc), zoned));
        Assert.Equal("L:2025-03-01 08:00:00", Accept(Value("2025-03-01T10:00:00+02:00"), local));
        Assert.Equal("L:2025-03-01 08:00:00.5", Accept(Value("2025-03-01T08:00:00.5"), local));
        Refuse(Value("yesterday"), zoned);
        Refuse(Value("2025-02-30T10:00:00"), local);
        Refuse(Value(1.5), zoned);
    }

    [Fact]
    public void Dates_keep_the_calendar_date_a_timestamp_was_written_with()
    {
        var column = Column("c", ColumnKind.Date);

        Assert.Equal("2025-03-01", Accept(Value("2025-03-01"), column));
        Assert.Equal("2025-03-01", Accept(Value("2025-03-01T23:30:00+05:00"), column));
        Refuse(Value("2025-02-30"), column);
    }

    [Fact]
    public void Times_of_day_keep_their_fraction()
    {
        var column = Column("c", ColumnKind.Time);

        Assert.Equal("13:45:10.25", Accept(Value("13:45:10.25"), column));
        Refuse(Value("25:00"), column);
    }

    [Fact]
    public void Json_text_must_parse_and_json_values_pass()
    {
        var column = Column("c", ColumnKind.Json);

        Assert.Equal("{\"a\":1}", Accept(Value("{\"a\":1}"), column));
        Assert.Equal("[1,2]", Accept(Json("[1,2]"), column));
        Assert.Equal("true", Accept(Value(true), column));
        Refuse(Value("{not json"), column);
    }

    [Fact]
    public void Base64_bytes_reach_the_dialect_decoded()
    {
        var column = Column("c", ColumnKind.Binary);

        Assert.Equal("X:000102FF", Accept(Value("AAEC/w=="), column));
        Refuse(Value("not base64!"), column);
    }

    [Fact]
    public void Enum_labels_match_exactly()
    {
        var column = Column("c", ColumnKind.Enum, "mood") with { EnumLabels = new HashSet<string>(StringComparer.Ordinal) { "happy", "sad" } };

        Assert.Equal("sad", Accept(Value("sad"), column));
        Refuse(Value("Sad"), column);
    }

    [Fact]
    public void Text_is_bounded_in_characters_and_never_holds_NUL()
    {
        var bounded = Column("c", ColumnKind.Text, "varchar(5)") with { MaxLength = 5 };

        Assert.Equal("éü😀表ß", Accept(Value("éü😀表ß"), bounded));
        Assert.Equal("the text is longer than 5 characters", Refuse(Value("abcdef"), bounded));
        Assert.Equal("text cannot contain a NUL character", Refuse(Value("a\0b"), Column("c", ColumnKind.Text)));
        Assert.Equal("text cannot contain a NUL character", Refuse(Value("a\0b"), Column("c", ColumnKind.Other)));
    }

    [Fact]
    public void Text_columns_take_any_scalar_as_its_text_whatever_the_dialect_spells_booleans_with()
    {
        var column = Column("c", ColumnKind.Text);

        Assert.Equal("42", Accept(Value(42), column));
        Assert.Equal("true", Accept(Value(true), column));
        Assert.Equal("{\"a\":1}", Accept(Json("{\"a\":1}"), column));
    }

    [Fact]
    public void Arrays_take_a_JSON_array_whose_elements_follow_the_element_rules()
    {
        var ints = Column("c", ColumnKind.Array, "integer[]") with { ElementKind = ColumnKind.Integer, Range = IntegerRange.Int32 };

        Assert.Equal("A:1|~|3", Accept(Value("[1,null,3]"), ints));
        Assert.Equal("A:", Accept(Json("[]"), ints));
        Refuse(Value("{1,2}"), ints);
        Refuse(Value("[1,\"x\"]"), ints);
        Refuse(Json("[[1],[2]]"), ints);
        Refuse(Value("[2147483648]"), ints);
    }

    [Fact]
    public void Null_fits_every_column()
    {
        foreach (var kind in Enum.GetValues<ColumnKind>())
        {
            Assert.True(Converter.TryConvert(CrudValue.Null, Column("c", kind, notNull: true), out var text, out _));
            Assert.Null(text);
        }
    }

    private string? Accept(CrudValue value, RelationalColumn column)
    {
        Assert.True(Converter.TryConvert(value, column, out var text, out var problem), problem);
        return text;
    }

    private string Refuse(CrudValue value, RelationalColumn column)
    {
        Assert.False(Converter.TryConvert(value, column, out _, out var problem));
        return Assert.IsType<string>(problem);
    }
}
