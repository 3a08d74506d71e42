using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Core.Tests.Model;

public sealed class CrudValueTests
{
    public static TheoryData<CrudValue, CrudValueKind> OneOfEachKind => new()
    {
        { CrudValue.Null, CrudValueKind.Null },
        { CrudValue.FromInteger(42), CrudValueKind.Integer },
        { CrudValue.FromReal(1.5), CrudValueKind.Real },
        { CrudValue.FromText("x"), CrudValueKind.Text },
        { CrudValue.FromBoolean(true), CrudValueKind.Boolean },
        { CrudValue.FromJson("[1]"), CrudValueKind.Json },
    };

    private static readonly Dictionary<CrudValueKind, Func<CrudValue, object>> Accessors = new()
    {
        [CrudValueKind.Integer] = v => v.AsInteger(),
        [CrudValueKind.Real] = v => v.AsReal(),
        [CrudValueKind.Text] = v => v.AsText(),
        [CrudValueKind.Boolean] = v => v.AsBoolean(),
        [CrudValueKind.Json] = v => v.AsJson(),
    };

    [Theory]
    [MemberData(nameof(OneOfEachKind))]
    public void Only_the_accessor_of_the_values_kind_works(CrudValue value, CrudValueKind kind)
    {
        Assert.Equal(kind, value.Kind);
        Assert.Equal(kind == CrudValueKind.Null, value.IsNull);
        foreach (var (accessorKind, accessor) in Accessors)
        {
            if (accessorKind == kind)
            {
                Assert.NotNull(accessor(value));
            }
            else
            {
                var error = Assert.Throws<InvalidOperationException>(() => accessor(value));
                Assert.Contains(kind.ToString(), error.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Default_is_Null()
    {
        CrudValue value = default;

        Assert.True(value.IsNull);
        Assert.Equal(CrudValue.Null, value);
    }

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(-1L)]
    [InlineData(0L)]
    [InlineData(long.MaxValue)]
    public void Integer_keeps_its_value(long number)
    {
        Assert.Equal(number, CrudValue.FromInteger(number).AsInteger());
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(-0.0)]
    [InlineData(double.MaxValue)]
    [InlineData(double.Epsilon)]
    public void Real_keeps_its_exact_value(double number)
    {
        Assert.Equal(BitConverter.DoubleToInt64Bits(number), BitConverter.DoubleToInt64Bits(CrudValue.FromReal(number).AsReal()));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Real_must_be_finite(double number)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CrudValue.FromReal(number));
    }

    [Fact]
    public void Null_text_is_Null_and_empty_text_is_text()
    {
        Assert.True(CrudValue.FromText(null).IsNull);
        Assert.Equal(CrudValueKind.Text, CrudValue.FromText(string.Empty).Kind);
        Assert.Equal(string.Empty, CrudValue.FromText(string.Empty).AsText());
    }

    [Fact]
    public void Json_must_not_be_null_or_empty()
    {
        Assert.Throws<ArgumentNullException>(() => CrudValue.FromJson(null!));
        Assert.Throws<ArgumentException>(() => CrudValue.FromJson(string.Empty));
    }

    [Fact]
    public void Booleans_keep_their_value()
    {
        Assert.True(CrudValue.FromBoolean(true).AsBoolean());
        Assert.False(CrudValue.FromBoolean(false).AsBoolean());
    }

    [Fact]
    public void Equal_values_are_equal_with_equal_hashes()
    {
        var pairs = new[]
        {
            (CrudValue.FromInteger(7), CrudValue.FromInteger(7)),
            (CrudValue.FromReal(0.5), CrudValue.FromReal(0.5)),
            (CrudValue.FromText(new string('a', 3)), CrudValue.FromText("aaa")),
            (CrudValue.FromBoolean(false), CrudValue.FromBoolean(false)),
            (CrudValue.FromJson("{}"), CrudValue.FromJson("{}")),
            (CrudValue.Null, CrudValue.FromText(null)),
        };

        foreach (var (left, right) in pairs)
        {
            Assert.True(left == right, $"{left} == {right}");
            Assert.False(left != right);
            Assert.True(left.Equals((object)right));
            Assert.Equal(left.GetHashCode(), right.GetHashCode());
        }
    }

    [Fact]
    public void Exact_equality_distinguishes_kinds_and_values()
    {
        CrudValue[] values =
        [
            CrudValue.Null,
            CrudValue.FromInteger(1),
            CrudValue.FromInteger(0),
            CrudValue.FromReal(1.0),
            CrudValue.FromReal(0.0),
            CrudValue.FromReal(-0.0),
            CrudValue.FromBoolean(true),
            CrudValue.FromBoolean(false),
            CrudValue.FromText("1"),
            CrudValue.FromText("a"),
            CrudValue.FromText("A"),
            CrudValue.FromJson("[1]"),
            CrudValue.FromText("[1]"),
        ];

        for (var i = 0; i < values.Length; i++)
        {
            for (var j = 0; j < values.Length; j++)
            {
                Assert.True((i == j) == (values[i] == values[j]), $"{values[i]} ({values[i].Kind}) vs {values[j]} ({values[j].Kind})");
            }
        }

        Assert.False(CrudValue.FromInteger(1).Equals("1"));
    }

    [Theory]
    [MemberData(nameof(OneOfEachKind))]
    public void ToString_is_json_like(CrudValue value, CrudValueKind kind)
    {
        var expected = kind switch
        {
            CrudValueKind.Null => "null",
            CrudValueKind.Integer => "42",
            CrudValueKind.Real => "1.5",
            CrudValueKind.Text => "\"x\"",
            CrudValueKind.Boolean => "true",
            _ => "[1]",
        };

        Assert.Equal(expected, value.ToString());
    }

    [Fact]
    public void TryGetNumber_reads_numbers_booleans_and_numeric_text()
    {
        Assert.True(CrudValue.FromInteger(-5).TryGetNumber(out var integer));
        Assert.Equal(-5m, integer);
        Assert.True(CrudValue.FromBoolean(true).TryGetNumber(out var flag));
        Assert.Equal(1m, flag);
        Assert.True(CrudValue.FromReal(2.5).TryGetNumber(out var real));
        Assert.Equal(2.5m, real);
        Assert.True(CrudValue.FromText("1e3").TryGetNumber(out var text));
        Assert.Equal(1000m, text);
    }

    [Fact]
    public void TryGetNumber_refuses_what_is_not_a_number()
    {
        Assert.False(CrudValue.Null.TryGetNumber(out _));
        Assert.False(CrudValue.FromText("abc").TryGetNumber(out _));
        Assert.False(CrudValue.FromJson("[1]").TryGetNumber(out _));
        Assert.False(CrudValue.FromReal(1e300).TryGetNumber(out _));
    }
}
