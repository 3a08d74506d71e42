using PowerSync.Backend.DevToken.CommandLine;
using PowerSync.Backend.DevToken.Commands;

namespace PowerSync.Backend.DevToken.Tests;

public sealed class TokenLifetimeTests
{
    [Theory]
    [InlineData("300", 300)]
    [InlineData("300s", 300)]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    [InlineData("24h", 86_400)]
    public void Parse_reads_seconds_minutes_and_hours(string text, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), TokenLifetime.Parse(text));
    }

    [Theory]
    [InlineData("86401")]
    [InlineData("25h")]
    [InlineData("0")]
    [InlineData("1d")]
    [InlineData("+5")]
    [InlineData(" 5")]
    [InlineData("5 m")]
    [InlineData("5M")]
    public void Parse_refuses_what_the_service_would_not_accept_or_is_not_a_lifetime(string text)
    {
        Assert.Throws<UsageException>(() => TokenLifetime.Parse(text));
    }
}
