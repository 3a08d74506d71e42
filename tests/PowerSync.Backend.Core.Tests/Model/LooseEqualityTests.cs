using FsCheck;
using FsCheck.Fluent;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Tests.Wire;

namespace PowerSync.Backend.Core.Tests.Model;

public sealed class LooseEqualityTests
{
    public static TheoryData<CrudValue, CrudValue> SameValue => new()
    {
        { CrudValue.FromInteger(1), CrudValue.FromBoolean(true) },
        { CrudValue.FromInteger(1), CrudValue.FromText("1") },
        { CrudValue.FromInteger(1), CrudValue.FromReal(1.0) },
        { CrudValue.FromBoolean(true), CrudValue.FromText("1") },
        { CrudValue.FromBoolean(true), CrudValue.FromReal(1.0) },
        { CrudValue.FromReal(1.0), CrudValue.FromText("1") },
        { CrudValue.FromText("1.0"), CrudValue.FromText("1") },
        { CrudValue.FromInteger(0), CrudValue.FromBoolean(false) },
        { CrudValue.FromReal(-0.0), CrudValue.FromInteger(0) },
        { CrudValue.FromReal(0.1), CrudValue.FromText("0.1") },
        { CrudValue.FromReal(1.25), CrudValue.FromText("1.25") },
        { CrudValue.FromInteger(1234567890123), CrudValue.FromText("1234567890123") },
        { CrudValue.FromText("a"), CrudValue.FromText("a") },
        { CrudValue.FromJson("""{"a":1}"""), CrudValue.FromText("""{"a":1}""") },
        { CrudValue.Null, CrudValue.Null },
    };

    public static TheoryData<CrudValue, CrudValue> DifferentValue => new()
    {
        { CrudValue.FromText("a"), CrudValue.FromText("b") },
        { CrudValue.FromText("a"), CrudValue.FromText("A") },
        { CrudValue.FromInteger(2), CrudValue.FromBoolean(true) },
        { CrudValue.FromInteger(1), CrudValue.FromText("one") },
        { CrudValue.FromInteger(0), CrudValue.FromText(string.Empty) },
        { CrudValue.FromReal(1.5), CrudValue.FromInteger(1) },
        { CrudValue.Null, CrudValue.FromInteger(0) },
        { CrudValue.Null, CrudValue.FromText(string.Empty) },
        { CrudValue.Null, CrudValue.FromText("null") },
        { CrudValue.Null, CrudValue.FromBoolean(false) },
        { CrudValue.Null, CrudValue.FromJson("{}") },
        { CrudValue.FromJson("{}"), CrudValue.FromInteger(0) },
    };

    public static TheoryData<CrudValue, CrudValue> NearlyTheSameNumber => new()
    {
        { CrudValue.FromReal(0.1), CrudValue.FromReal(0.1000000000000001) },
        { CrudValue.FromInteger(1), CrudValue.FromReal(1.0000000000000002) },
        { CrudValue.FromText("1"), CrudValue.FromReal(1.0000000000000002) },
        { CrudValue.FromInteger(9007199254740990), CrudValue.FromReal(9007199254740992.0) },
        { CrudValue.FromReal(123456.78901234567), CrudValue.FromText("123456.789012346") },
    };

    [Theory]
    [MemberData(nameof(SameValue))]
    public void Values_that_denote_the_same_value_are_loosely_equal_both_ways(CrudValue left, CrudValue right)
    {
        Assert.True(left.LooselyEquals(right), $"{left} ~ {right}");
        Assert.True(right.LooselyEquals(left), $"{right} ~ {left}");
    }

    [Theory]
    [MemberData(nameof(DifferentValue))]
    public void Values_that_differ_are_not_loosely_equal_either_way(CrudValue left, CrudValue right)
    {
        Assert.False(left.LooselyEquals(right), $"{left} ~ {right}");
        Assert.False(right.LooselyEquals(left), $"{right} ~ {left}");
    }

    [Theory]
    [MemberData(nameof(NearlyTheSameNumber))]
    public void Numbers_that_differ_in_their_last_digits_are_not_loosely_equal(CrudValue left, CrudValue right)
    {
        Assert.False(left.LooselyEquals(right), $"{left} ~ {right}");
        Assert.False(right.LooselyEquals(left), $"{right} ~ {left}");
    }

    [Theory]
    [InlineData("2024-05-01T10:00:00.000Z", "2024-05-01 10:00:00+00")]
    [InlineData("2024-05-01T10:00:00Z", "2024-05-01T12:00:00.000000+02:00")]
    [InlineData("2024-05-01T10:00:00", "2024-05-01T10:00:00.000000Z")]
    public void Timestamps_naming_the_same_instant_are_loosely_equal(string left, string right)
    {
        Assert.True(CrudValue.FromText(left).LooselyEquals(CrudValue.FromText(right)));
        Assert.True(CrudValue.FromText(right).LooselyEquals(CrudValue.FromText(left)));
    }

    [Theory]
    [InlineData("2024-05-01T10:00:00.000Z", "2024-05-01T10:00:00.001Z")]
    [InlineData("2024-05-01T10:00:00Z", "2024-05-01T10:00:00+01:00")]
    [InlineData("2024-05-01T10:00:00Z", "not a time at all, really")]
    public void Timestamps_naming_different_instants_differ(string left, string right) =>
        Assert.False(CrudValue.FromText(left).LooselyEquals(CrudValue.FromText(right)));

    [Fact]
    public void Loose_equality_is_reflexive_symmetric_and_implied_by_equality()
    {
        var property = Prop.ForAll(Arb.From(Gen.Zip(UploadGenerators.Value, UploadGenerators.Value)), pair =>
        {
            var (left, right) = pair;

            Assert.True(left.LooselyEquals(left), left.ToString());
            Assert.Equal(left.LooselyEquals(right), right.LooselyEquals(left));
            Assert.True(!left.Equals(right) || left.LooselyEquals(right));
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }
}
