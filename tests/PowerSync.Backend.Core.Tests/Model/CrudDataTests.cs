using FsCheck;
using FsCheck.Fluent;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Tests.Wire;

namespace PowerSync.Backend.Core.Tests.Model;

public sealed class CrudDataTests
{
    private static readonly CrudValue One = CrudValue.FromInteger(1);
    private static readonly CrudValue Two = CrudValue.FromInteger(2);
    private static readonly CrudValue Three = CrudValue.FromInteger(3);

    private static CrudData Of(params (string Column, CrudValue Value)[] columns) => TestParser.Data(columns);

    private static string Describe(CrudData data) => string.Join(",", data.Select(c => c.Key + "=" + c.Value));

    [Fact]
    public void Create_keeps_the_order_given()
    {
        var data = Of(("b", One), ("a", Two), ("c", Three));

        Assert.Equal(["b", "a", "c"], data.Keys);
        Assert.Equal([One, Two, Three], data.Values);
        Assert.Equal(3, data.Count);
        Assert.Equal("b=1,a=2,c=3", Describe(data));
        Assert.Equal(["b", "a", "c"], data.AsSpan().ToArray().Select(c => c.Key));
    }

    [Fact]
    public void Duplicate_keys_keep_the_last_value_at_the_first_position()
    {
        var data = Of(("a", One), ("b", Two), ("a", Three));

        Assert.Equal("a=3,b=2", Describe(data));
    }

    [Fact]
    public void Create_without_columns_is_Empty()
    {
        Assert.Same(CrudData.Empty, CrudData.Create([]));
        Assert.Empty(CrudData.Empty);
    }

    [Fact]
    public void Create_refuses_null_names()
    {
        Assert.Throws<ArgumentNullException>(() => CrudData.Create([new KeyValuePair<string, CrudValue>(null!, One)]));
        Assert.Throws<ArgumentNullException>(() => CrudData.Create(null!));
    }

    [Fact]
    public void Lookups_are_ordinal_and_case_sensitive()
    {
        var data = Of(("Name", One), ("name", Two));

        Assert.Equal(2, data.Count);
        Assert.Equal(One, data["Name"]);
        Assert.Equal(Two, data["name"]);
        Assert.True(data.ContainsKey("name"));
        Assert.False(data.ContainsKey("NAME"));
        Assert.False(data.TryGetValue("NAME", out _));
        Assert.Throws<KeyNotFoundException>(() => data["NAME"]);
    }

    [Fact]
    public void Null_column_is_present_and_differs_from_a_missing_one()
    {
        var data = Of(("photo_id", CrudValue.Null));

        Assert.True(data.TryGetValue("photo_id", out var value));
        Assert.True(value.IsNull);
        Assert.NotEqual(CrudData.Empty, data);
    }

    [Fact]
    public void With_appends_a_new_column_and_leaves_the_original_alone()
    {
        var original = Of(("a", One));

        var changed = original.With("b", Two);

        Assert.Equal("a=1,b=2", Describe(changed));
        Assert.Equal("a=1", Describe(original));
    }

    [Fact]
    public void With_replaces_an_existing_column_in_place()
    {
        var original = Of(("a", One), ("b", Two));

        var changed = original.With("a", Three);

        Assert.Equal("a=3,b=2", Describe(changed));
        Assert.Equal("a=1,b=2", Describe(original));
    }

    [Fact]
    public void Without_removes_a_column()
    {
        var original = Of(("a", One), ("b", Two), ("c", Three));

        Assert.Equal("a=1,c=3", Describe(original.Without("b")));
        Assert.Equal("b=2,c=3", Describe(original.Without("a")));
        Assert.Equal("a=1,b=2", Describe(original.Without("c")));
        Assert.Equal(3, original.Count);
    }

    [Fact]
    public void Without_an_absent_column_is_the_same_instance_and_without_the_last_is_Empty()
    {
        var data = Of(("a", One));

        Assert.Same(data, data.Without("b"));
        Assert.Same(CrudData.Empty, data.Without("a"));
    }

    [Fact]
    public void Rename_moves_the_value_to_the_new_name()
    {
        var data = Of(("_id", One), ("b", Two));

        var renamed = data.Rename("_id", "id");

        Assert.Equal("b=2,id=1", Describe(renamed));
        Assert.Same(data, data.Rename("missing", "x"));
    }

    [Fact]
    public void Rename_onto_an_existing_column_replaces_it()
    {
        var data = Of(("a", One), ("b", Two));

        var renamed = data.Rename("a", "b");

        Assert.Equal("b=1", Describe(renamed));
    }

    [Fact]
    public void Merge_sets_every_column_of_the_changes()
    {
        var row = Of(("a", One), ("b", Two), ("c", Three));
        var patch = Of(("b", CrudValue.Null), ("d", One));

        var merged = row.Merge(patch);

        Assert.Equal("a=1,b=null,c=3,d=1", Describe(merged));
        Assert.Same(row, row.Merge(CrudData.Empty));
        Assert.Equal(patch, CrudData.Empty.Merge(patch));
    }

    [Fact]
    public void Equality_is_independent_of_column_order()
    {
        var left = Of(("a", One), ("b", Two));
        var right = Of(("b", Two), ("a", One));

        Assert.Equal(left, right);
        Assert.True(left.Equals((object)right));
        Assert.Equal(left.GetHashCode(), right.GetHashCode());
    }

    [Fact]
    public void Different_columns_or_values_are_not_equal()
    {
        var data = Of(("a", One), ("b", Two));

        Assert.NotEqual(data, Of(("a", One), ("b", Three)));
        Assert.NotEqual(data, Of(("a", One), ("c", Two)));
        Assert.NotEqual(data, Of(("a", One)));
        Assert.NotEqual(data, Of(("a", One), ("b", Two), ("c", Three)));
        Assert.NotEqual(data, Of(("a", One), ("b", CrudValue.FromText("2"))));
        Assert.False(data.Equals(null));
        Assert.False(data.Equals((object)"a"));
    }

    [Fact]
    public void ToString_lists_the_columns()
    {
        Assert.Equal("{a: 1, b: \"x\", c: null}", Of(("a", One), ("b", CrudValue.FromText("x")), ("c", CrudValue.Null)).ToString());
        Assert.Equal("{}", CrudData.Empty.ToString());
    }

    [Fact]
    public void Any_reordering_of_columns_is_equal_with_the_same_hash()
    {
        var cases = from data in UploadGenerators.Columns(allowId: true)
                    from shuffled in Gen.Shuffle(data.ToArray())
                    select (data, shuffled: CrudData.Create(shuffled));

        var property = Prop.ForAll(Arb.From(cases), pair =>
        {
            Assert.Equal(pair.data, pair.shuffled);
            Assert.Equal(pair.data.GetHashCode(), pair.shuffled.GetHashCode());
            Assert.Equal(pair.data.Keys.Order(StringComparer.Ordinal), pair.shuffled.Keys.Order(StringComparer.Ordinal));
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }

    [Fact]
    public void Merge_then_lookup_finds_the_change_for_any_data()
    {
        var cases = Gen.Zip(UploadGenerators.Columns(allowId: true), UploadGenerators.Columns(allowId: true));

        var property = Prop.ForAll(Arb.From(cases), pair =>
        {
            var (row, changes) = pair;

            var merged = row.Merge(changes);

            Assert.All(changes, c => Assert.Equal(c.Value, merged[c.Key]));
            Assert.All(row.Where(c => !changes.ContainsKey(c.Key)), c => Assert.Equal(c.Value, merged[c.Key]));
            Assert.Equal(row.Keys.Union(changes.Keys, StringComparer.Ordinal).Count(), merged.Count);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }
}
