namespace PowerSync.Backend.MySql;

/// <summary>Which server the provider talks to, which decides the upsert spelling.</summary>
internal enum MySqlFlavor
{
    /// <summary>MySQL 8.0.19 or later: <c>INSERT … AS new ON DUPLICATE KEY UPDATE c = new.c</c>.</summary>
    MySqlRowAlias,

    /// <summary>MySQL before 8.0.19: <c>c = VALUES(c)</c>.</summary>
    MySqlValues,

    /// <summary>MariaDB: <c>c = VALUE(c)</c>.</summary>
    MariaDb,
}
