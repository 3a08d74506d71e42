namespace PowerSync.Backend.MySql.Tests.Provider;

public sealed class MySqlServerInfoTests
{
    [Theory]
    [InlineData("10.11.6-MariaDB-0+deb12u1", "MariaDb", "10.11.6")]
    [InlineData("5.5.5-10.6.16-MariaDB", "MariaDb", "10.6.16")]
    [InlineData("8.0.36", "MySqlRowAlias", "8.0.36")]
    [InlineData("8.0.19-log", "MySqlRowAlias", "8.0.19")]
    [InlineData("8.0.18", "MySqlValues", "8.0.18")]
    [InlineData("8.4.2-commercial", "MySqlRowAlias", "8.4.2")]
    public void The_flavour_comes_from_the_version_string(string version, string flavor, string parsed)
    {
        var (actualFlavor, actualVersion) = MySqlServerInfo.Parse(version);
        Assert.Equal(flavor, actualFlavor.ToString());
        Assert.Equal(Version.Parse(parsed), actualVersion);
    }

    [Fact]
    public async Task The_real_server_is_MariaDB_with_its_packet_limit_and_database()
    {
        await using var dataSource = MariaDbServer.CreateDataSource();
        var server = await MySqlServerInfo.ReadAsync(dataSource, null, CancellationToken.None);
        Assert.Equal(MySqlFlavor.MariaDb, server.Flavor);
        Assert.True(server.Version >= new Version(10, 6));
        Assert.True(server.MaxAllowedPacket >= 1024 * 1024);
        Assert.False(string.IsNullOrEmpty(server.Database));
    }
}
