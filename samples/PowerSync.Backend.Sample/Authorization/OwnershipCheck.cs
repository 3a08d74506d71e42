using PowerSync.Backend.Core.Hooks;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Sample.Database;

namespace PowerSync.Backend.Sample.Authorization;

/// <summary>
/// Decides, for every entry of one client transaction, whether the user may make it: a list must be the user's (or
/// new), a todo must sit in one of the user's lists, and may only move to another of them. The transaction is replayed
/// in order over the stored ownership, so a list created early in a transaction can receive todos later in it, and a
/// deleted list takes its todos with it (ON DELETE CASCADE).
/// </summary>
internal sealed class OwnershipCheck
{
    private readonly string _userId;
    private readonly Dictionary<Guid, string> _listOwners;
    private readonly Dictionary<Guid, Guid> _todoLists;

    /// <param name="userId">The uploading user.</param>
    /// <param name="listOwners">Stored owner of each list the transaction names (as a list or as a todo's list).</param>
    /// <param name="todoLists">Stored list of each todo the transaction names.</param>
    public OwnershipCheck(string userId, Dictionary<Guid, string> listOwners, Dictionary<Guid, Guid> todoLists)
    {
        _userId = userId;
        _listOwners = listOwners;
        _todoLists = todoLists;
    }

    /// <summary>The ids whose stored ownership <see cref="Judge"/> needs: lists named directly or as a todo's list, and todos.</summary>
    public static (Guid[] ListIds, Guid[] TodoIds) IdsToLoad(CrudTransaction transaction)
    {
        var lists = new HashSet<Guid>();
        var todos = new HashSet<Guid>();
        foreach (var entry in transaction.Entries)
        {
            if (entry.Table == TodoSchema.Lists && Guid.TryParse(entry.Id, out var list))
            {
                lists.Add(list);
            }
            else if (entry.Table == TodoSchema.Todos && Guid.TryParse(entry.Id, out var todo))
            {
                todos.Add(todo);
                if (ListIdOf(entry) is { } target)
                {
                    lists.Add(target);
                }
            }
        }

        return ([.. lists], [.. todos]);
    }

    /// <summary>One verdict per entry of the transaction, in order.</summary>
    public EntryVerdict[] Judge(IReadOnlyList<CrudEntry> entries)
    {
        var verdicts = new EntryVerdict[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            verdicts[i] = entry.Table switch
            {
                TodoSchema.Lists => JudgeList(entry),
                TodoSchema.Todos => JudgeTodo(entry),
                _ => EntryVerdict.Accept, // other tables are not on the applier's allow-list: refused there
            };
        }

        return verdicts;
    }

    private EntryVerdict JudgeList(CrudEntry entry)
    {
        // An id that is not a uuid matches no stored row; the database refuses it as INVALID_DATA.
        if (!Guid.TryParse(entry.Id, out var id))
        {
            return EntryVerdict.Accept;
        }

        if (_listOwners.TryGetValue(id, out var owner) && owner != _userId)
        {
            return EntryVerdict.Unauthorized($"list {entry.Id} belongs to another user");
        }

        if (entry.Operation == CrudOperation.Put)
        {
            _listOwners[id] = _userId; // owner_id is set to the user on insert
        }
        else if (entry.Operation == CrudOperation.Delete)
        {
            _listOwners.Remove(id);
        }

        return EntryVerdict.Accept;
    }

    private EntryVerdict JudgeTodo(CrudEntry entry)
    {
        if (!Guid.TryParse(entry.Id, out var id))
        {
            return EntryVerdict.Accept;
        }

        // A todo whose list is gone was deleted with it.
        var exists = _todoLists.TryGetValue(id, out var current) && _listOwners.ContainsKey(current);
        if (exists && _listOwners[current] != _userId)
        {
            return EntryVerdict.Unauthorized($"todo {entry.Id} is in a list of another user");
        }

        // A PATCH of a missing todo changes nothing, so only inserts and moves name a list that must be the user's.
        var movesTo = entry.Operation == CrudOperation.Put || (entry.Operation == CrudOperation.Patch && exists) ? ListIdOf(entry) : null;
        if (movesTo is { } target)
        {
            if (!_listOwners.TryGetValue(target, out var owner) || owner != _userId)
            {
                return EntryVerdict.Unauthorized($"list {target} is not one of your lists");
            }

            _todoLists[id] = target;
        }
        else if (entry.Operation == CrudOperation.Delete)
        {
            _todoLists.Remove(id);
        }

        return EntryVerdict.Accept;
    }

    /// <summary>The list a todo entry puts it in; null when it names none (validation requires one on insert).</summary>
    private static Guid? ListIdOf(CrudEntry entry) =>
        entry.Data.TryGetValue("list_id", out var value) && value.Kind == CrudValueKind.Text && Guid.TryParse(value.AsText(), out var list)
            ? list
            : null;
}
