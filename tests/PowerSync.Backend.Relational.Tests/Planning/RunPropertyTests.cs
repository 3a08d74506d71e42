using FsCheck;
using FsCheck.Fluent;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Relational.Planning;
using PowerSync.Backend.Relational.Schema;
using static PowerSync.Backend.Relational.Tests.TestCatalog;

namespace PowerSync.Backend.Relational.Tests.Planning;

/// <summary>Properties of the cut into runs, for any sequence of entries.</summary>
public sealed class RunPropertyTests
{
    private static readonly RelationalColumn Id = Column("id", ColumnKind.Text, notNull: true);
    private static readonly RelationalColumn A = Column("a", ColumnKind.Text);
    private static readonly RelationalColumn B = Column("b", ColumnKind.Text);
    private static readonly RelationalTable[] Tables = [Table("t1", Id, A, B), Table("t2", Id, A, B)];
    private static readonly RelationalColumn[][] ColumnSets = [[], [A], [B], [A, B]];

    private static readonly Gen<ResolvedEntry[]> Entries =
        (from table in Gen.Elements(Tables)
         from operation in Gen.Elements(CrudOperation.Put, CrudOperation.Patch, CrudOperation.Delete)
         from columns in Gen.Elements(ColumnSets)
         from id in Gen.Elements("a", "b", "c", "d")
         from replace in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
         select (table, operation, columns, id, replace))
        .ListOf()
        .ScaleSize(s => Math.Min(s, 30))
        .Select(list => list.Select((e, i) => new ResolvedEntry(i, e.operation, e.table, e.id, e.columns, new string?[e.columns.Length], e.replace)).ToArray());

    [Fact]
    public void Runs_partition_the_entries_in_order_into_maximal_stretches_of_one_shape_without_a_repeated_id()
    {
        var cases = Gen.Zip(Entries, Gen.Elements(1, 2, 3, int.MaxValue));

        var property = Prop.ForAll(Arb.From(cases), pair =>
        {
            var (entries, limit) = pair;

            var runs = RelationalPlanner.Runs(entries, limit);

            // A partition, in order.
            Assert.Equal(Enumerable.Range(0, entries.Length), runs.SelectMany(r => Enumerable.Range(r.Start, r.Count)));
            Assert.All(runs, r => Assert.InRange(r.Count, 1, limit));
            foreach (var (start, count) in runs)
            {
                var run = entries.AsSpan(start, count).ToArray();
                Assert.All(run, e => Assert.True(e.SameShape(run[0])));
                Assert.Equal(count, run.Select(e => e.Id).Distinct(StringComparer.Ordinal).Count());
            }

            // Maximal: the next run could not have joined this one.
            for (var i = 1; i < runs.Count; i++)
            {
                var (start, count) = runs[i - 1];
                var next = entries[runs[i].Start];
                Assert.True(
                    count == limit || !next.SameShape(entries[start]) || entries.AsSpan(start, count).ToArray().Any(e => e.Id == next.Id),
                    $"runs {i - 1} and {i} could have been one");
            }
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void Deletes_of_one_table_share_a_shape_whatever_columns_they_carry()
    {
        var plain = new ResolvedEntry(0, CrudOperation.Delete, Tables[0], "a", [], [], false);
        var carrying = new ResolvedEntry(1, CrudOperation.Delete, Tables[0], "b", [A], ["x"], false);

        Assert.True(plain.SameShape(carrying));
        Assert.False(plain.SameShape(carrying with { Table = Tables[1] }));
    }
}
