using System.Collections;
using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using PowerSync.Backend.MySql.TestDriver.Internal;

namespace PowerSync.Backend.MySql.TestDriver;

/// <summary>
/// Reads the result sets of one command. Every row was read from the server before the reader was returned,
/// so reading never blocks and never fails on the wire; values are converted when asked for.
/// </summary>
/// <remarks>
/// Value types follow MySqlConnector's defaults (see <c>GetFieldType</c>); the typed getters convert between
/// integer widths with overflow checks, as MySqlConnector's do.
/// </remarks>
public sealed partial class MariaDbDataReader : DbDataReader
{
    private static readonly ResultSetData NoResult = new([], []);

    private readonly CommandResult _result;
    private readonly MariaDbConnection _connection;
    private readonly MariaDbConnectionSettings _settings;
    private readonly CommandBehavior _behavior;
    private int _resultIndex;
    private int _rowIndex = -1;
    private bool _closed;

    internal MariaDbDataReader(CommandResult result, MariaDbConnection connection, MariaDbConnectionSettings settings, CommandBehavior behavior)
    {
        _result = result;
        _connection = connection;
        _settings = settings;
        _behavior = behavior;
    }

    /// <inheritdoc />
    public override int Depth => 0;

    /// <inheritdoc />
    public override int FieldCount => Current.Columns.Count;

    /// <inheritdoc />
    public override bool HasRows => Current.Rows.Count > 0;

    /// <inheritdoc />
    public override bool IsClosed => _closed;

    /// <inheritdoc />
    /// <remarks>Sum over the statements that returned no rows; -1 when all of them returned rows.</remarks>
    public override int RecordsAffected => checked((int)_result.RecordsAffected);

    /// <inheritdoc />
    public override object this[int ordinal] => GetValue(ordinal);

    /// <inheritdoc />
    public override object this[string name] => GetValue(GetOrdinal(name));

    private ResultSetData Current
    {
        get
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            return _resultIndex < _result.ResultSets.Count ? _result.ResultSets[_resultIndex] : NoResult;
        }
    }

    /// <inheritdoc />
    public override bool Read()
    {
        var current = Current;
        if (_rowIndex + 1 >= current.Rows.Count)
        {
            _rowIndex = current.Rows.Count;
            return false;
        }

        _rowIndex++;
        return true;
    }

    /// <inheritdoc />
    public override bool NextResult()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_resultIndex >= _result.ResultSets.Count)
        {
            return false;
        }

        _resultIndex++;
        _rowIndex = -1;
        return _resultIndex < _result.ResultSets.Count;
    }

    /// <inheritdoc />
    public override void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _connection.ReaderClosed(this);
        if (_behavior.HasFlag(CommandBehavior.CloseConnection))
        {
            _connection.Close();
        }
    }

    /// <inheritdoc />
    public override string GetName(int ordinal) => Column(ordinal).Name;

    /// <inheritdoc />
    [SuppressMessage("Usage", "CA2201", Justification = "DbDataReader.GetOrdinal documents IndexOutOfRangeException.")]
    [SuppressMessage("Usage", "MA0012", Justification = "DbDataReader.GetOrdinal documents IndexOutOfRangeException.")]
    public override int GetOrdinal(string name)
    {
        var columns = Current.Columns;
        for (var i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        for (var i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new IndexOutOfRangeException($"The column '{name}' is not in the result set.");
    }

    /// <inheritdoc />
    public override Type GetFieldType(int ordinal) => ValueDecoder.ClrType(Column(ordinal), _settings);

    /// <inheritdoc />
    public override string GetDataTypeName(int ordinal) => ValueDecoder.TypeName(Column(ordinal));

    /// <inheritdoc />
    public override bool IsDBNull(int ordinal) => Cell(ordinal) is null;

    /// <inheritdoc />
    public override object GetValue(int ordinal) =>
        Cell(ordinal) is { } cell ? ValueDecoder.Decode(Column(ordinal), cell, _settings) : DBNull.Value;

    /// <inheritdoc />
    public override int GetValues(object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var count = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < count; i++)
        {
            values[i] = GetValue(i);
        }

        return count;
    }

    /// <summary>The column's <c>MYSQL_FIELD</c> data, for tests of the native layout.</summary>
    internal ColumnInfo GetColumnInfo(int ordinal) => Column(ordinal);

    /// <inheritdoc />
    public override IEnumerator GetEnumerator() => new DbEnumerator(this, closeReader: false);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Close();
        }

        base.Dispose(disposing);
    }

    [SuppressMessage("Usage", "CA2201", Justification = "ADO.NET readers throw IndexOutOfRangeException for a bad ordinal.")]
    [SuppressMessage("Usage", "MA0012", Justification = "ADO.NET readers throw IndexOutOfRangeException for a bad ordinal.")]
    private ColumnInfo Column(int ordinal)
    {
        var columns = Current.Columns;
        return (uint)ordinal < (uint)columns.Count
            ? columns[ordinal]
            : throw new IndexOutOfRangeException($"Column ordinal {ordinal} is outside 0..{columns.Count - 1}.");
    }

    private byte[]? Cell(int ordinal)
    {
        var current = Current;
        _ = Column(ordinal);
        if (_rowIndex < 0 || _rowIndex >= current.Rows.Count)
        {
            throw new InvalidOperationException("Invalid attempt to read when no data is present; call Read first.");
        }

        return current.Rows[_rowIndex][ordinal];
    }
}
