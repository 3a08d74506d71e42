using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Relational.Values;

namespace PowerSync.Backend.Relational.Tests.Values;

public sealed class IsoTimestampTests
{
    [Theory]
    [InlineData("2024-05-01T10:00:00.000Z", "Utc")]
    [InlineData("2024-05-01 10:00:00+00:00", "Utc")]
    [InlineData("2024-05-01T10:00+00", "Utc")]
    [InlineData("2024-05-01T10:00:00", "Unzoned")]
    [InlineData("2024-05-01T10:00:00.123456", "Unzoned")]
    [InlineData("2024-05-01T10:00:00+02:00", "Offset")]
    [InlineData("2024-05-01T10:00:00-00:00", "Offset")]
    [InlineData("2024-05-01T10:00:00-05", "Offset")]
    [InlineData("2024-05-01", "None")]
    [InlineData("2024-13-01T10:00:00Z", "None")]
    [InlineData("2024-05-01T24:00:00Z", "None")]
    [InlineData("2024-05-01T10:00:00.Z", "None")]
    [InlineData("2024-05-01T10:00:00 UTC", "None")]
    [InlineData("2024-05-01T10:00:00+16:00", "None")]
    [InlineData("yesterday", "None")]
    public void Recognises_the_ISO_text_clients_send(string text, string shape)
    {
        Assert.Equal(Enum.Parse<IsoTimestampShape>(shape), IsoTimestamp.ShapeOf(CrudValue.FromText(text)));
    }

    [Fact]
    public void Only_text_has_a_shape()
    {
        Assert.Equal(IsoTimestampShape.None, IsoTimestamp.ShapeOf(CrudValue.FromInteger(1714557600000)));
    }
}
