using System.Globalization;
using PowerSync.Backend.Relational.Values;

namespace PowerSync.Backend.Relational.Tests.Values;

/// <summary>A dialect spelling that marks every value it formats, so tests see which rule handed what to the dialect.</summary>
internal sealed class MarkingFormatter : IValueFormatter
{
    /// <summary>ISO shapes the dialect reads as they are.</summary>
    public HashSet<(IsoTimestampShape Shape, bool Zoned)> KeptShapes { get; } = [];

    public string Boolean(bool value) => value ? "B1" : "B0";

    public bool KeepsIsoText(IsoTimestampShape shape, bool zoned) => KeptShapes.Contains((shape, zoned));

    public string Instant(DateTimeOffset instant, bool zoned) => zoned
        ? "Z:" + instant.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)
        : "L:" + instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    public string Binary(ReadOnlySpan<byte> bytes) => "X:" + Convert.ToHexString(bytes);

    public string Array(IReadOnlyList<string?> elements) => "A:" + string.Join("|", elements.Select(e => e ?? "~"));
}
