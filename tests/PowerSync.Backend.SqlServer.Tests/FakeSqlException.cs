using System.Data.Common;

namespace PowerSync.Backend.SqlServer.Tests;

/// <summary>A driver exception with a <c>Number</c> property, as <c>SqlException</c> has, for the number table.</summary>
internal sealed class FakeSqlException(int number) : DbException("fake SQL Server error " + number)
{
    public int Number { get; } = number;
}
