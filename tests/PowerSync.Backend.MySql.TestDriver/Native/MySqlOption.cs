namespace PowerSync.Backend.MySql.TestDriver.Native;

/// <summary>The members of <c>enum mysql_option</c> this driver sets (their values are fixed since MySQL 4.1).</summary>
internal enum MySqlOption
{
    ConnectTimeout = 0,
    SetCharsetName = 7,
    Protocol = 9,
    ReadTimeout = 11,
    WriteTimeout = 12,
}
