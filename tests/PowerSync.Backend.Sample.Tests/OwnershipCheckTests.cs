using PowerSync.Backend.Core.Hooks;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Sample.Authorization;

namespace PowerSync.Backend.Sample.Tests;

/// <summary>The ownership rules on their own: stored ownership in, one verdict per entry out.</summary>
public sealed class OwnershipCheckTests
{
    private static readonly Guid AliceList = Guid.NewGuid();
    private static readonly Guid BobList = Guid.NewGuid();
    private static readonly Guid AliceTodo = Guid.NewGuid();
    private static readonly Guid BobTodo = Guid.NewGuid();

    private static OwnershipCheck Check(string user) => new(
        user,
        new Dictionary<Guid, string> { [AliceList] = "alice", [BobList] = "bob" },
        new Dictionary<Guid, Guid> { [AliceTodo] = AliceList, [BobTodo] = BobList });

    private static CrudEntry Entry(CrudOperation operation, string table, Guid id, Guid? listId = null) =>
        new(operation, table, id.ToString()) { Data = listId is { } list ? CrudData.Create([new("list_id", CrudValue.FromText(list.ToString()))]) : CrudData.Empty };

    private static string[] Codes(EntryVerdict[] verdicts) => [.. verdicts.Select(v => v.ErrorCode ?? "accepted")];

    [Fact]
    public void Users_write_their_own_lists_and_todos()
    {
        var verdicts = Check("alice").Judge([
            Entry(CrudOperation.Patch, "lists", AliceList),
            Entry(CrudOperation.Put, "todos", Guid.NewGuid(), AliceList),
            Entry(CrudOperation.Delete, "todos", AliceTodo),
        ]);
        Assert.All(verdicts, v => Assert.True(v.IsAccepted));
    }

    [Fact]
    public void Another_users_list_and_todos_are_refused_whatever_the_operation()
    {
        var verdicts = Check("alice").Judge([
            Entry(CrudOperation.Put, "lists", BobList),
            Entry(CrudOperation.Patch, "lists", BobList),
            Entry(CrudOperation.Delete, "lists", BobList),
            Entry(CrudOperation.Patch, "todos", BobTodo),
            Entry(CrudOperation.Delete, "todos", BobTodo),
            Entry(CrudOperation.Put, "todos", BobTodo, AliceList), // taking it over by re-inserting it
        ]);
        Assert.All(verdicts, v => Assert.Equal("UNAUTHORIZED", v.ErrorCode));
    }

    [Fact]
    public void A_todo_may_not_be_put_or_moved_into_another_users_list_or_a_missing_one()
    {
        var verdicts = Check("alice").Judge([
            Entry(CrudOperation.Put, "todos", Guid.NewGuid(), BobList),
            Entry(CrudOperation.Patch, "todos", AliceTodo, BobList),
            Entry(CrudOperation.Put, "todos", Guid.NewGuid(), Guid.NewGuid()),
        ]);
        Assert.Equal(["UNAUTHORIZED", "UNAUTHORIZED", "UNAUTHORIZED"], Codes(verdicts));
    }

    [Fact]
    public void A_list_created_earlier_in_the_transaction_can_take_todos()
    {
        var list = Guid.NewGuid();
        var verdicts = Check("alice").Judge([
            Entry(CrudOperation.Put, "lists", list),
            Entry(CrudOperation.Put, "todos", Guid.NewGuid(), list),
        ]);
        Assert.Equal(["accepted", "accepted"], Codes(verdicts));
    }

    [Fact]
    public void A_list_deleted_earlier_in_the_transaction_takes_its_todos_with_it()
    {
        var verdicts = Check("alice").Judge([
            Entry(CrudOperation.Delete, "lists", AliceList),
            Entry(CrudOperation.Put, "todos", Guid.NewGuid(), AliceList),
            Entry(CrudOperation.Patch, "todos", AliceTodo), // gone with its list: a no-op, allowed
        ]);
        Assert.Equal(["accepted", "UNAUTHORIZED", "accepted"], Codes(verdicts));
    }

    [Fact]
    public void Ids_to_load_are_the_lists_and_todos_named_and_the_lists_todos_point_to()
    {
        var transaction = new CrudTransaction(1, [Entry(CrudOperation.Put, "lists", AliceList), Entry(CrudOperation.Put, "todos", BobTodo, BobList), Entry(CrudOperation.Put, "other", Guid.NewGuid())]);
        var (lists, todos) = OwnershipCheck.IdsToLoad(transaction);
        Assert.Equal(new[] { AliceList, BobList }.Order(), lists.Order());
        Assert.Equal([BobTodo], todos);
    }
}
