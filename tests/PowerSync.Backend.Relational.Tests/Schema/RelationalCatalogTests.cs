using PowerSync.Backend.Relational.Schema;
using static PowerSync.Backend.Relational.Tests.TestCatalog;

namespace PowerSync.Backend.Relational.Tests.Schema;

public sealed class RelationalCatalogTests
{
    [Fact]
    public void A_table_is_writable_when_its_primary_key_is_the_single_id_column()
    {
        var id = Column("id", ColumnKind.Uuid, notNull: true);
        var name = Column("name", ColumnKind.Text);
        var total = Column("total", ColumnKind.Integer, generated: true);

        var catalog = RelationalCatalog.Create(
            [new("lists", id, true, 1), new("lists", name, false, 1), new("lists", total, false, 1)],
            "id",
            table => "<" + table + ">");

        var lists = catalog.Tables["lists"];
        Assert.Equal("<lists>", lists.QualifiedName);
        Assert.Same(id, lists.Id);
        Assert.Equal([name], lists.Writable);
        Assert.Equal(2, lists.OrdinalOf(total));
        Assert.Empty(catalog.Refused);
    }

    [Fact]
    public void Tables_keyed_otherwise_are_refused_with_the_reason()
    {
        var a = Column("a", ColumnKind.Text);
        var b = Column("b", ColumnKind.Text);
        var id = Column("id", ColumnKind.Text);

        var catalog = RelationalCatalog.Create(
            [new("pairs", a, true, 2), new("pairs", b, true, 2), new("keyless", id, false, 0), new("other", a, true, 1), new("other", id, false, 1)],
            "id",
            table => table);

        Assert.Empty(catalog.Tables);
        Assert.Equal(["keyless", "other", "pairs"], catalog.Refused.Keys.Order(StringComparer.Ordinal));
        Assert.All(catalog.Refused.Values, reason => Assert.Equal("its primary key is not the single column 'id'", reason));
    }

    [Fact]
    public void Names_are_case_sensitive()
    {
        var id = Column("id", ColumnKind.Text);

        var catalog = RelationalCatalog.Create([new("Lists", id, true, 1)], "id", table => table);

        Assert.True(catalog.Tables.ContainsKey("Lists"));
        Assert.False(catalog.Tables.ContainsKey("lists"));
    }
}
