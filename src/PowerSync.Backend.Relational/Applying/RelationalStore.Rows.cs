using System.Data.Common;
using PowerSync.Backend.Core.Applying;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Relational.Schema;

namespace PowerSync.Backend.Relational.Applying;

/// <summary>Stored rows for conflict hooks.</summary>
internal sealed partial class RelationalStore
{
    /// <summary>Reads and locks the rows conflict hooks need: one statement per table, one round trip.</summary>
    private async Task<IReadOnlyDictionary<RowKey, CrudData>> LoadRowsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<RowKey> keys, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<RowKey, CrudData>();
        if (keys.Count == 0)
        {
            return rows;
        }

        var catalog = await _schema.GetAsync(cancellationToken).ConfigureAwait(false);
        var tables = keys.GroupBy(k => k.Table, StringComparer.Ordinal)
            .Where(g => catalog.Tables.ContainsKey(g.Key))
            .Select(g => (Table: catalog.Tables[g.Key], Keys: g.ToArray()))
            .ToList();
        if (tables.Count == 0)
        {
            return rows;
        }

        using var batch = _dialect.CreateBatch(connection, transaction);
        foreach (var (table, tableKeys) in tables)
        {
            batch.Add(_dialect.SelectRowsForUpdate(table, tableKeys.Select(k => k.Id).ToArray()));
        }

        CountRoundTrip();
        var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            foreach (var (table, tableKeys) in tables)
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    // Keyed by the id as the client spelled it: the stored spelling may differ (uuid case, numeric ids).
                    rows[tableKeys[reader.GetInt64(0) - 1]] = ReadRow(reader, table);
                }

                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return rows;
    }

    /// <summary>A stored row as client values: numbers and booleans typed, everything else as text (see <see cref="RelationalDialect.SelectRowsForUpdate"/>).</summary>
    private static CrudData ReadRow(DbDataReader reader, RelationalTable table)
    {
        var values = new List<KeyValuePair<string, CrudValue>>(reader.FieldCount - 1);
        for (var i = 1; i < reader.FieldCount; i++)
        {
            if (!table.Columns.TryGetValue(reader.GetName(i), out var column))
            {
                continue;
            }

            var value = reader.IsDBNull(i) ? CrudValue.Null : column.Kind switch
            {
                ColumnKind.Boolean => CrudValue.FromBoolean(reader.GetBoolean(i)),
                ColumnKind.Integer => CrudValue.FromInteger(reader.GetInt64(i)),
                ColumnKind.Float => CrudValue.FromReal(reader.GetDouble(i)),
                _ => CrudValue.FromText(reader.GetString(i)),
            };
            values.Add(new(column.Name, value));
        }

        return CrudData.Create(values);
    }
}
