using System.Globalization;
using PowerSync.Backend.Core.Hooks;
using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Sample.Validation;

/// <summary>Validation rules for text columns, for <c>TableBuilder.Validate</c>.</summary>
public static class TextRules
{
    /// <summary>
    /// Refuses a value longer than <paramref name="maxLength"/> characters (counted as the user sees them, so an
    /// emoji is one) as <c>VALIDATION_FAILED</c>. Absent and null values pass: required columns are another rule.
    /// </summary>
    /// <param name="column">The column.</param>
    /// <param name="maxLength">The most characters allowed.</param>
    /// <returns>The rule.</returns>
    public static Func<EntryContext, EntryVerdict> MaxLength(string column, int maxLength) => context =>
    {
        if (!context.Entry.Data.TryGetValue(column, out var value) || value.Kind != CrudValueKind.Text)
        {
            return EntryVerdict.Accept;
        }

        var length = new StringInfo(value.AsText()).LengthInTextElements;
        return length <= maxLength
            ? EntryVerdict.Accept
            : EntryVerdict.Invalid(string.Create(CultureInfo.InvariantCulture, $"'{column}' has {length} characters; at most {maxLength} are allowed"));
    };
}
