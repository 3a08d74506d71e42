using PowerSync.Backend.Core.DependencyInjection;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Sample.Database;
using PowerSync.Backend.Sample.Validation;

namespace PowerSync.Backend.Sample;

/// <summary>The to-do demo's per-table rules: server-set columns, validation and the conflict strategy.</summary>
public static class TodoTables
{
    /// <summary>The longest list name accepted.</summary>
    public const int MaxNameLength = 100;

    /// <summary>The longest todo description accepted.</summary>
    public const int MaxDescriptionLength = 500;

    /// <summary>Declares the rules of <c>lists</c> and <c>todos</c>; ownership is checked by <see cref="Authorization.OwnershipAuthorizationHook"/>.</summary>
    /// <param name="backend">The pipeline builder.</param>
    /// <returns>The builder.</returns>
    public static PowerSyncBackendBuilder ConfigureTodoTables(this PowerSyncBackendBuilder backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        return backend
            .Table(TodoSchema.Lists, lists => lists
                // The owner is whoever created the list: clients can neither choose it nor change it later.
                .IgnoreColumns("owner_id")
                .SetColumn("owner_id", context => CrudValue.FromText(context.UserId))
                .RequireColumns("name")
                .Validate(TextRules.MaxLength("name", MaxNameLength)))
            .Table(TodoSchema.Todos, todos => todos
                .RequireColumns("description", "list_id")
                .Validate(TextRules.MaxLength("description", MaxDescriptionLength))
                // Optimistic concurrency from the client's `old` values (the todos table tracks them): a change made
                // to a todo someone else changed meanwhile is refused as CONFLICT and kept as a dead letter, and the
                // client gets the stored row back through sync instead of overwriting it.
                .RejectWhenPreviousValuesDiffer());
    }
}
