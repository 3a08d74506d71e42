using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Hooks;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Results;

namespace PowerSync.Backend.Core.Processing;

/// <summary>The hook stages that run before the applier: authorization, mapping, validation.</summary>
internal sealed partial class UploadProcessor
{
    /// <summary>
    /// Runs each stage over every entry before the next stage starts, so that an unauthorized entry
    /// anywhere in the transaction stops it before any mapping runs. Global hooks run before table hooks.
    /// </summary>
    private async ValueTask<Prepared> PrepareAsync(CrudUpload upload, CrudTransaction transaction, CrudTransaction pending, CancellationToken cancellationToken)
    {
        var context = new EntryContext(upload, transaction);
        try
        {
            return await RunStagesAsync(context, transaction, pending, cancellationToken).ConfigureAwait(false);
        }
        catch (CrudRejectedException rejected)
        {
            // A hook that refuses by throwing refuses the entry it was looking at, unless it names another.
            var failure = _classifier.Classify(rejected);
            return Prepared.Refused(Failed(failure, rejected.OperationIndex ?? context.Index), failure.RequiresClientHandling);
        }
    }

    private async ValueTask<Prepared> RunStagesAsync(EntryContext context, CrudTransaction transaction, CrudTransaction pending, CancellationToken cancellationToken)
    {
        var count = pending.Entries.Count;
        var entries = new CrudEntry?[count];
        var clientTables = new string[count];
        var toOriginal = new int[count];
        var tables = new TableConfiguration?[count];
        for (var i = 0; i < count; i++)
        {
            entries[i] = pending.Entries[i];
            clientTables[i] = entries[i]!.Table;
            toOriginal[i] = ReferenceEquals(pending, transaction) ? i : IndexOf(transaction, pending.Entries[i]);
            tables[i] = _options.Tables.GetValueOrDefault(clientTables[i]);
        }

        for (var i = 0; i < count; i++)
        {
            context.MoveTo(toOriginal[i], entries[i]!, clientTables[i]);
            foreach (var hook in _authorizers)
            {
                var verdict = await hook.AuthorizeAsync(context, cancellationToken).ConfigureAwait(false);
                if (!verdict.IsAccepted)
                {
                    return Prepared.Refused(verdict, toOriginal[i]);
                }
            }

            foreach (var authorize in tables[i]?.Authorizers ?? [])
            {
                var verdict = await authorize(context, cancellationToken).ConfigureAwait(false);
                if (!verdict.IsAccepted)
                {
                    return Prepared.Refused(verdict, toOriginal[i]);
                }
            }
        }

        for (var i = 0; i < count; i++)
        {
            context.MoveTo(toOriginal[i], entries[i]!, clientTables[i]);
            entries[i] = await MapAsync(context, tables[i], cancellationToken).ConfigureAwait(false);
        }

        for (var i = 0; i < count; i++)
        {
            if (entries[i] is not { } entry)
            {
                continue;
            }

            context.MoveTo(toOriginal[i], entry, clientTables[i]);
            foreach (var hook in _validators)
            {
                var verdict = await hook.ValidateAsync(context, cancellationToken).ConfigureAwait(false);
                if (!verdict.IsAccepted)
                {
                    return Prepared.Refused(verdict, toOriginal[i]);
                }
            }

            foreach (var validate in tables[i]?.Validators ?? [])
            {
                var verdict = await validate(context, cancellationToken).ConfigureAwait(false);
                if (!verdict.IsAccepted)
                {
                    return Prepared.Refused(verdict, toOriginal[i]);
                }
            }
        }

        var kept = Enumerable.Range(0, count).Where(i => entries[i] is not null).ToArray();
        return new Prepared(
            transaction.WithEntries(kept.Select(i => entries[i]!).ToArray()),
            kept.Select(i => clientTables[i]).ToArray(),
            kept.Select(i => toOriginal[i]).ToArray(),
            null);
    }

    /// <summary>Runs the mapping hooks in order; <see langword="null"/> when one drops the entry.</summary>
    private async ValueTask<CrudEntry?> MapAsync(EntryContext context, TableConfiguration? table, CancellationToken cancellationToken)
    {
        foreach (var hook in _mappers)
        {
            if (await hook.MapAsync(context, cancellationToken).ConfigureAwait(false) is not { } mapped)
            {
                return null;
            }

            context.Entry = mapped;
        }

        foreach (var map in table?.Mappers ?? [])
        {
            if (await map(context, cancellationToken).ConfigureAwait(false) is not { } mapped)
            {
                return null;
            }

            context.Entry = mapped;
        }

        return context.Entry;
    }

    private static int IndexOf(CrudTransaction transaction, CrudEntry entry)
    {
        for (var i = 0; i < transaction.Entries.Count; i++)
        {
            if (ReferenceEquals(transaction.Entries[i], entry))
            {
                return i;
            }
        }

        throw new InvalidOperationException("A pending entry is not part of its transaction.");
    }

    /// <summary>A transaction ready for the applier, or the refusal that stopped it.</summary>
    private sealed record Prepared(CrudTransaction Transaction, string[] ClientTables, int[] ToOriginal, Refusal? Refusal)
    {
        public static Prepared Refused(EntryVerdict verdict, int originalIndex) => Refused(
            new FailedOperation(verdict.ErrorCode!, verdict.Message) { OperationIndex = originalIndex, Details = verdict.Details },
            verdict.RequiresClientHandling);

        public static Prepared Refused(FailedOperation operation, bool requiresClientHandling) =>
            new(null!, [], [], new Refusal(operation, requiresClientHandling));
    }

    private sealed record Refusal(FailedOperation Operation, bool RequiresClientHandling);
}
