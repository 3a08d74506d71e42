using PowerSync.Backend.AspNetCore.Keys;
using PowerSync.Backend.AspNetCore.Tests.Infrastructure;

namespace PowerSync.Backend.AspNetCore.Tests.Keys;

public sealed class PowerSyncKeyFileTests
{
    [Fact]
    public void Saved_key_is_private_to_its_owner_and_loads_back_whole()
    {
        var path = Path.Combine(TempFolder.Create(), "nested", "key.json");

        PowerSyncKeyFile.Save(TestKeys.Ec, path);
        var loaded = PowerSyncKeyFile.Load(path);

        Assert.Equal(TestKeys.Ec.KeyId, loaded.KeyId);
        Assert.True(loaded.CanSign);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        }

        Assert.False(PowerSyncKeyFile.IsReadableByOthers(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Existing_file_is_kept_unless_overwrite_is_asked()
    {
        var path = Path.Combine(TempFolder.Create(), "key.json");
        PowerSyncKeyFile.Save(TestKeys.RsaA, path);

        Assert.ThrowsAny<IOException>(() => PowerSyncKeyFile.Save(TestKeys.RsaB, path));
        Assert.Equal("rsa-a", PowerSyncKeyFile.Load(path).KeyId);
        PowerSyncKeyFile.Save(TestKeys.RsaB, path, overwrite: true);
        Assert.Equal("rsa-b", PowerSyncKeyFile.Load(path).KeyId);
    }

    [Fact]
    public void Pem_files_load_too()
    {
        var path = Path.Combine(TempFolder.Create(), "key.pem");
        File.WriteAllText(path, TestKeys.RsaA.ExportPrivateKeyPem());

        var key = PowerSyncKeyFile.Load(path, keyId: "from-pem");

        Assert.Equal("from-pem", key.KeyId);
        Assert.True(key.CanSign);
    }

    [Fact]
    public void Files_readable_by_others_are_detected()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = Path.Combine(TempFolder.Create(), "key.json");
        PowerSyncKeyFile.Save(TestKeys.RsaA, path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        Assert.True(PowerSyncKeyFile.IsReadableByOthers(path));
    }

    [Fact]
    public void Bad_file_content_names_the_file()
    {
        var path = Path.Combine(TempFolder.Create(), "key.json");
        File.WriteAllText(path, "{}");

        Assert.Contains(path, Assert.Throws<FormatException>(() => PowerSyncKeyFile.Load(path)).Message, StringComparison.Ordinal);
    }
}
