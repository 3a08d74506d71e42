using Npgsql;
using NpgsqlTypes;
using PowerSync.Backend.Core.Hooks;
using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Sample.Authorization;

/// <summary>
/// Users write only their own lists and the todos in them (see <see cref="OwnershipCheck"/>). The stored ownership
/// of everything a client transaction names is read in one query when the transaction's first entry is authorized,
/// not one query per entry.
/// </summary>
/// <remarks>
/// Scoped, so one instance serves one upload; the pipeline authorizes the entries of each transaction in order, after
/// the upload's earlier transactions were applied. The check runs before the applying database transaction: ids are
/// client-generated UUIDs, so another user cannot slip a row with the same id in between. A database-enforced
/// guarantee would be row-level security (<c>PostgresBackendOptions.UserIdSetting</c>).
/// </remarks>
internal sealed class OwnershipAuthorizationHook : IAuthorizationHook
{
    private const string OwnershipSql = """
        SELECT NULL::uuid, l.id, l.owner_id FROM public.lists l WHERE l.id = ANY ($1)
        UNION ALL
        SELECT t.id, l.id, l.owner_id FROM public.todos t JOIN public.lists l ON l.id = t.list_id WHERE t.id = ANY ($2)
        """;

    private readonly NpgsqlDataSource _dataSource;
    private CrudTransaction? _judged;
    private EntryVerdict[] _verdicts = [];

    public OwnershipAuthorizationHook(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    public async ValueTask<EntryVerdict> AuthorizeAsync(EntryContext context, CancellationToken cancellationToken)
    {
        if (context.UserId is not { } userId)
        {
            return EntryVerdict.Unauthorized("sign in to write lists and todos");
        }

        if (!ReferenceEquals(_judged, context.Transaction))
        {
            var check = await LoadAsync(userId, context.Transaction, cancellationToken);
            _verdicts = check.Judge(context.Transaction.Entries);
            _judged = context.Transaction;
        }

        // Index counts in the transaction as received, which is what the verdicts were computed over.
        return _verdicts[context.Index];
    }

    private async Task<OwnershipCheck> LoadAsync(string userId, CrudTransaction transaction, CancellationToken cancellationToken)
    {
        var listOwners = new Dictionary<Guid, string>();
        var todoLists = new Dictionary<Guid, Guid>();
        var (listIds, todoIds) = OwnershipCheck.IdsToLoad(transaction);
        if (listIds.Length + todoIds.Length > 0)
        {
            await using var command = _dataSource.CreateCommand(OwnershipSql);
            command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = listIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
            command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = todoIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var list = reader.GetGuid(1);
                listOwners[list] = reader.GetString(2);
                if (!reader.IsDBNull(0))
                {
                    todoLists[reader.GetGuid(0)] = list;
                }
            }
        }

        return new OwnershipCheck(userId, listOwners, todoLists);
    }
}
