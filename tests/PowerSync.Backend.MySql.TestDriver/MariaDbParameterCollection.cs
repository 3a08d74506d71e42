using System.Collections;
using System.Data.Common;

namespace PowerSync.Backend.MySql.TestDriver;

/// <summary>The parameters of a <see cref="MariaDbCommand"/>; names match case-insensitively, with or without <c>@</c>.</summary>
public sealed class MariaDbParameterCollection : DbParameterCollection
{
    private readonly List<MariaDbParameter> _items = [];

    /// <inheritdoc />
    public override int Count => _items.Count;

    /// <inheritdoc />
    public override object SyncRoot => ((ICollection)_items).SyncRoot;

    /// <summary>Adds a parameter named <paramref name="parameterName"/> with <paramref name="value"/>.</summary>
    public MariaDbParameter AddWithValue(string parameterName, object? value)
    {
        var parameter = new MariaDbParameter(parameterName, value);
        _items.Add(parameter);
        return parameter;
    }

    /// <inheritdoc />
    public override int Add(object value)
    {
        _items.Add(Cast(value));
        return _items.Count - 1;
    }

    /// <inheritdoc />
    public override void AddRange(Array values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var value in values)
        {
            Add(value!);
        }
    }

    /// <inheritdoc />
    public override void Clear() => _items.Clear();

    /// <inheritdoc />
    public override bool Contains(object value) => value is MariaDbParameter parameter && _items.Contains(parameter);

    /// <inheritdoc />
    public override bool Contains(string value) => IndexOf(value) >= 0;

    /// <inheritdoc />
    public override void CopyTo(Array array, int index) => ((ICollection)_items).CopyTo(array, index);

    /// <inheritdoc />
    public override IEnumerator GetEnumerator() => _items.GetEnumerator();

    /// <inheritdoc />
    public override int IndexOf(object value) => value is MariaDbParameter parameter ? _items.IndexOf(parameter) : -1;

    /// <inheritdoc />
    public override int IndexOf(string parameterName)
    {
        var name = Normalize(parameterName);
        return _items.FindIndex(p => string.Equals(p.NormalizedName, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <inheritdoc />
    public override void Insert(int index, object value) => _items.Insert(index, Cast(value));

    /// <inheritdoc />
    public override void Remove(object value) => _items.Remove(Cast(value));

    /// <inheritdoc />
    public override void RemoveAt(int index) => _items.RemoveAt(index);

    /// <inheritdoc />
    public override void RemoveAt(string parameterName) => _items.RemoveAt(IndexOfExisting(parameterName));

    /// <summary>The parameter named <paramref name="parameterName"/>, or null.</summary>
    internal MariaDbParameter? Find(string parameterName)
    {
        var index = IndexOf(parameterName);
        return index < 0 ? null : _items[index];
    }

    /// <summary>
    /// The parameters by normalized name, the first of each name winning as in <see cref="IndexOf(string)"/>: one
    /// dictionary per execution, so binding thousands of placeholders stays linear.
    /// </summary>
    internal Dictionary<string, MariaDbParameter> Snapshot()
    {
        var lookup = new Dictionary<string, MariaDbParameter>(_items.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in _items)
        {
            lookup.TryAdd(parameter.NormalizedName, parameter);
        }

        return lookup;
    }

    /// <inheritdoc />
    protected override DbParameter GetParameter(int index) => _items[index];

    /// <inheritdoc />
    protected override DbParameter GetParameter(string parameterName) => _items[IndexOfExisting(parameterName)];

    /// <inheritdoc />
    protected override void SetParameter(int index, DbParameter value) => _items[index] = Cast(value);

    /// <inheritdoc />
    protected override void SetParameter(string parameterName, DbParameter value) => _items[IndexOfExisting(parameterName)] = Cast(value);

    private static string Normalize(string name) => name.Length > 0 && name[0] is '@' or '?' ? name[1..] : name;

    private static MariaDbParameter Cast(object value) =>
        value as MariaDbParameter ?? throw new ArgumentException("Only MariaDbParameter instances can be added.", nameof(value));

    private int IndexOfExisting(string parameterName)
    {
        var index = IndexOf(parameterName);
        return index >= 0 ? index : throw new ArgumentException($"Parameter '{parameterName}' not found in the collection.", nameof(parameterName));
    }
}
