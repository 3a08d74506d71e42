using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace PowerSync.Backend.Core.Model;

/// <summary>
/// The column values of one entry (its <c>data</c> or its previous values), immutable, in the order
/// the client sent them. Column names compare ordinally.
/// </summary>
/// <remarks>
/// Rows are small (tens of columns), so a flat array with linear look-up beats a hash table in both
/// speed and allocations; the order is kept so that emitted statements are stable.
/// Two instances are equal when they hold the same columns with equal values, in any order.
/// </remarks>
public sealed class CrudData : IReadOnlyDictionary<string, CrudValue>, IEquatable<CrudData>
{
    private readonly KeyValuePair<string, CrudValue>[] _columns;

    private CrudData(KeyValuePair<string, CrudValue>[] columns) => _columns = columns;

    /// <summary>No columns (an empty PATCH carries this).</summary>
    public static CrudData Empty { get; } = new([]);

    /// <inheritdoc />
    public int Count => _columns.Length;

    /// <inheritdoc />
    public IEnumerable<string> Keys => _columns.Select(c => c.Key);

    /// <inheritdoc />
    public IEnumerable<CrudValue> Values => _columns.Select(c => c.Value);

    /// <inheritdoc />
    public CrudValue this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No column '{key}'.");

    /// <summary>Creates data from columns; a repeated name keeps its last value, at its first position.</summary>
    /// <param name="columns">The columns.</param>
    /// <returns>The data.</returns>
    public static CrudData Create(IEnumerable<KeyValuePair<string, CrudValue>> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var list = new List<KeyValuePair<string, CrudValue>>();
        foreach (var column in columns)
        {
            ArgumentNullException.ThrowIfNull(column.Key, nameof(columns));
            Put(list, column.Key, column.Value);
        }

        return list.Count == 0 ? Empty : new CrudData([.. list]);
    }

    /// <summary>Wraps a list the parser built, which already holds unique names.</summary>
    internal static CrudData FromUniqueColumns(List<KeyValuePair<string, CrudValue>> columns) =>
        columns.Count == 0 ? Empty : new CrudData([.. columns]);

    /// <summary>Adds a column to a list being built, replacing an earlier value of the same name.</summary>
    internal static void Put(List<KeyValuePair<string, CrudValue>> columns, string name, CrudValue value)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i].Key, name, StringComparison.Ordinal))
            {
                columns[i] = new(name, value);
                return;
            }
        }

        columns.Add(new(name, value));
    }

    /// <summary>Returns a copy with <paramref name="column"/> set to <paramref name="value"/>.</summary>
    /// <param name="column">The column name.</param>
    /// <param name="value">Its value.</param>
    /// <returns>The new data.</returns>
    public CrudData With(string column, CrudValue value)
    {
        ArgumentNullException.ThrowIfNull(column);
        var index = IndexOf(column);
        var copy = index < 0 ? new KeyValuePair<string, CrudValue>[_columns.Length + 1] : new KeyValuePair<string, CrudValue>[_columns.Length];
        _columns.CopyTo(copy, 0);
        copy[index < 0 ? _columns.Length : index] = new(column, value);
        return new CrudData(copy);
    }

    /// <summary>Returns a copy without <paramref name="column"/> (the same instance when it is absent).</summary>
    /// <param name="column">The column name.</param>
    /// <returns>The new data.</returns>
    public CrudData Without(string column)
    {
        var index = IndexOf(column);
        if (index < 0)
        {
            return this;
        }

        if (_columns.Length == 1)
        {
            return Empty;
        }

        var copy = new KeyValuePair<string, CrudValue>[_columns.Length - 1];
        Array.Copy(_columns, 0, copy, 0, index);
        Array.Copy(_columns, index + 1, copy, index, _columns.Length - index - 1);
        return new CrudData(copy);
    }

    /// <summary>Returns a copy where <paramref name="from"/> is called <paramref name="to"/>; a column already called <paramref name="to"/> is replaced.</summary>
    /// <param name="from">The current name.</param>
    /// <param name="to">The new name.</param>
    /// <returns>The new data (the same instance when <paramref name="from"/> is absent).</returns>
    public CrudData Rename(string from, string to)
    {
        ArgumentNullException.ThrowIfNull(to);
        return TryGetValue(from, out var value) ? Without(from).With(to, value) : this;
    }

    /// <summary>Returns a copy with every column of <paramref name="changes"/> set (PATCH semantics).</summary>
    /// <param name="changes">The columns to set.</param>
    /// <returns>The merged data.</returns>
    public CrudData Merge(CrudData changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return this;
        }

        var list = new List<KeyValuePair<string, CrudValue>>(_columns);
        foreach (var column in changes._columns)
        {
            Put(list, column.Key, column.Value);
        }

        return new CrudData([.. list]);
    }

    /// <inheritdoc />
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out CrudValue value)
    {
        var index = IndexOf(key);
        value = index < 0 ? default : _columns[index].Value;
        return index >= 0;
    }

    /// <summary>The columns in the order they were sent, without an enumerator allocation.</summary>
    /// <returns>The columns.</returns>
    public ReadOnlySpan<KeyValuePair<string, CrudValue>> AsSpan() => _columns;

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, CrudValue>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, CrudValue>>)_columns).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(CrudData? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Count != Count)
        {
            return false;
        }

        foreach (var column in _columns)
        {
            if (!other.TryGetValue(column.Key, out var value) || !value.Equals(column.Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CrudData);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        // Order-independent, to agree with Equals.
        var hash = 0;
        foreach (var column in _columns)
        {
            hash ^= HashCode.Combine(StringComparer.Ordinal.GetHashCode(column.Key), column.Value);
        }

        return hash;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder("{");
        foreach (var column in _columns)
        {
            text.Append(text.Length > 1 ? ", " : string.Empty).Append(column.Key).Append(": ").Append(column.Value.ToString());
        }

        return text.Append('}').ToString();
    }

    private int IndexOf(string key)
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            if (string.Equals(_columns[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
