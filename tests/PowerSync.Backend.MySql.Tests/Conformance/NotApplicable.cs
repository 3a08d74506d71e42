namespace PowerSync.Backend.MySql.Tests.Conformance;

/// <summary>
/// Why a conformance test does not apply to MySQL (see <see cref="NotApplicableAttribute"/>); it shows as skipped
/// with its reason.
/// </summary>
internal static class NotApplicable
{
    public const string NoArrays =
        "MySQL has no array types: the array columns are JSON, which holds any JSON array, so element types and nesting are not checked.";
}
