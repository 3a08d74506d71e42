using PowerSync.Backend.Core.Model;
using PowerSync.Backend.MySql.Sql;
using PowerSync.Backend.Relational.Planning;
using PowerSync.Backend.Relational.Schema;
using PowerSync.Backend.Relational.Sql;

namespace PowerSync.Backend.MySql.Tests.Provider;

/// <summary>The exact SQL each statement shape emits, in both upsert spellings.</summary>
public sealed class MySqlStatementBuilderGoldenTests
{
    private static readonly MySqlStatementLimits Wide = new(1000, 30_000, 4 * 1024 * 1024);
    private static readonly RelationalColumn Id = Column("id", "varchar(255)", ColumnKind.Text, notNull: true);
    private static readonly RelationalColumn Name = Column("name", "text", ColumnKind.Text, notNull: true);
    private static readonly RelationalColumn Done = Column("done", "tinyint(1)", ColumnKind.Boolean);
    private static readonly RelationalColumn Blob = Column("da`ta", "blob", ColumnKind.Binary);
    private static readonly RelationalColumn At = Column("at", "timestamp(6)", ColumnKind.TimestampTz);
    private static readonly RelationalTable Table = new("todos", "`db`.`todos`", Id, [Id, Name, Done, Blob, At]);

    [Fact]
    public void Put_on_MariaDB_is_one_multi_row_insert_with_VALUE()
    {
        var sql = Build(MySqlFlavor.MariaDb, CrudOperation.Put, [Name, Done], ("a", ["n1", "1"]), ("b", ["n2", "0"]));
        Assert.Equal(
            "INSERT INTO `db`.`todos` (`id`, `name`, `done`) VALUES (@p0_0, @p0_1, @p0_2), (@p0_3, @p0_4, @p0_5) ON DUPLICATE KEY UPDATE `name` = VALUE(`name`), `done` = VALUE(`done`)",
            Assert.Single(sql).Sql);
    }

    [Fact]
    public void Put_on_MySQL_8_0_19_uses_the_row_alias()
    {
        var sql = Build(MySqlFlavor.MySqlRowAlias, CrudOperation.Put, [Name, Done], ("a", ["n1", "1"]));
        Assert.Equal(
            "INSERT INTO `db`.`todos` (`id`, `name`, `done`) VALUES (@p0_0, @p0_1, @p0_2) AS new ON DUPLICATE KEY UPDATE `name` = new.`name`, `done` = new.`done`",
            Assert.Single(sql).Sql);
    }

    [Fact]
    public void Put_on_older_MySQL_uses_VALUES()
    {
        var sql = Build(MySqlFlavor.MySqlValues, CrudOperation.Put, [Name], ("a", ["n1"]));
        Assert.Equal("INSERT INTO `db`.`todos` (`id`, `name`) VALUES (@p0_0, @p0_1) ON DUPLICATE KEY UPDATE `name` = VALUES(`name`)", Assert.Single(sql).Sql);
    }

    [Fact]
    public void Bytes_are_unhexed_and_TIMESTAMP_values_converted_from_UTC_to_the_session_zone()
    {
        var sql = Build(MySqlFlavor.MariaDb, CrudOperation.Put, [Name, Blob, At], ("a", ["n", "00FF", "2025-01-01 00:00:00.000000"]));
        Assert.Equal(
            "INSERT INTO `db`.`todos` (`id`, `name`, `da``ta`, `at`) VALUES (@p0_0, @p0_1, UNHEX(@p0_2), CONVERT_TZ(@p0_3, '+00:00', @@session.time_zone)) " +
            "ON DUPLICATE KEY UPDATE `name` = VALUE(`name`), `da``ta` = VALUE(`da``ta`), `at` = VALUE(`at`)",
            Assert.Single(sql).Sql);
    }

    [Fact]
    public void Replacing_put_resets_omitted_columns_to_their_defaults()
    {
        var sql = Build(MySqlFlavor.MariaDb, CrudOperation.Put, [Name], replace: true, ("a", ["n"]));
        Assert.Equal(
            "INSERT INTO `db`.`todos` (`id`, `name`) VALUES (@p0_0, @p0_1) ON DUPLICATE KEY UPDATE `name` = VALUE(`name`), `done` = DEFAULT(`done`), `da``ta` = DEFAULT(`da``ta`), `at` = DEFAULT(`at`)",
            Assert.Single(sql).Sql);
    }

    [Fact]
    public void Merging_put_without_a_required_column_updates_existing_rows_then_inserts_the_others()
    {
        var sql = Build(MySqlFlavor.MariaDb, CrudOperation.Put, [Done], ("a", ["1"]), ("b", ["0"]));
        Assert.Equal(2, sql.Count);
        Assert.Equal(
            "UPDATE `db`.`todos` AS t JOIN (SELECT @p0_0 AS `id`, @p0_1 AS `done` UNION ALL SELECT @p0_2, @p0_3) AS v ON t.`id` = v.`id` SET t.`done` = v.`done`",
            sql[0].Sql);
        Assert.Equal(
            "INSERT INTO `db`.`todos` (`id`, `done`, `name`) SELECT v.`id`, v.`done`, NULL FROM (SELECT @p1_0 AS `id`, @p1_1 AS `done` UNION ALL SELECT @p1_2, @p1_3) AS v " +
            "WHERE NOT EXISTS (SELECT 1 FROM `db`.`todos` AS t WHERE t.`id` = v.`id`)",
            sql[1].Sql);
    }

    [Fact]
    public void Patch_is_one_update_joined_to_a_derived_table()
    {
        var sql = Build(MySqlFlavor.MariaDb, CrudOperation.Patch, [Name, Done], ("a", ["n1", "1"]), ("b", ["n2", null]));
        var statement = Assert.Single(sql);
        Assert.Equal(
            "UPDATE `db`.`todos` AS t JOIN (SELECT @p0_0 AS `id`, @p0_1 AS `name`, @p0_2 AS `done` UNION ALL SELECT @p0_3, @p0_4, @p0_5) AS v ON t.`id` = v.`id` SET t.`name` = v.`name`, t.`done` = v.`done`",
            statement.Sql);
        Assert.Null(statement.Parameters[5].Value);
        Assert.Equal([0, 1], statement.Entries);
    }

    [Fact]
    public void Delete_sends_ids_only()
    {
        var sql = Build(MySqlFlavor.MariaDb, CrudOperation.Delete, [], ("a", []), ("b", []), ("c", []));
        Assert.Equal("DELETE FROM `db`.`todos` WHERE `id` IN (@p0_0, @p0_1, @p0_2)", Assert.Single(sql).Sql);
    }

    [Fact]
    public void Runs_are_cut_at_the_row_limit_and_parameter_names_stay_unique()
    {
        var statements = new List<SqlStatement>();
        new MySqlStatementBuilder(MySqlFlavor.MariaDb, new MySqlStatementLimits(2, 30_000, 1 << 20)).Build(Run(CrudOperation.Delete, [], false, ("a", []), ("b", []), ("c", [])), statements);
        Assert.Equal(["DELETE FROM `db`.`todos` WHERE `id` IN (@p0_0, @p0_1)", "DELETE FROM `db`.`todos` WHERE `id` IN (@p1_0)"], statements.Select(s => s.Sql));
        Assert.Equal([[0, 1], [2]], statements.Select(s => s.Entries));
    }

    [Fact]
    public void Runs_are_cut_at_the_parameter_and_byte_limits()
    {
        var byParameters = new List<SqlStatement>();
        new MySqlStatementBuilder(MySqlFlavor.MariaDb, new MySqlStatementLimits(1000, 5, 1 << 20)).Build(Run(CrudOperation.Put, [Name], false, ("a", ["x"]), ("b", ["y"]), ("c", ["z"])), byParameters);
        Assert.Equal(2, byParameters.Count);

        var big = new string('x', 1000);
        var byBytes = new List<SqlStatement>();
        new MySqlStatementBuilder(MySqlFlavor.MariaDb, new MySqlStatementLimits(1000, 30_000, 7000)).Build(Run(CrudOperation.Put, [Name], false, ("a", [big]), ("b", [big]), ("c", [big])), byBytes);
        Assert.Equal(3, byBytes.Count);
    }

    [Fact]
    public void An_empty_patch_emits_nothing() =>
        Assert.Empty(Build(MySqlFlavor.MariaDb, CrudOperation.Patch, [], ("a", [])));

    private static List<SqlStatement> Build(MySqlFlavor flavor, CrudOperation operation, RelationalColumn[] columns, params (string Id, string?[] Values)[] entries) =>
        Build(flavor, operation, columns, false, entries);

    private static List<SqlStatement> Build(MySqlFlavor flavor, CrudOperation operation, RelationalColumn[] columns, bool replace, params (string Id, string?[] Values)[] entries)
    {
        var statements = new List<SqlStatement>();
        new MySqlStatementBuilder(flavor, Wide).Build(Run(operation, columns, replace, entries), statements);
        return statements;
    }

    private static EntryRun Run(CrudOperation operation, RelationalColumn[] columns, bool replace, params (string Id, string?[] Values)[] entries)
    {
        var resolved = entries.Select((e, i) => new ResolvedEntry(i, operation, Table, e.Id, columns, e.Values, replace)).ToArray();
        return new EntryRun(resolved, 0, resolved.Length);
    }

    private static RelationalColumn Column(string name, string type, ColumnKind kind, bool notNull = false) =>
        new(name, MySqlIdentifier.Quote(name), type, kind, notNull, false);
}
