namespace PowerSync.Backend.Mongo.Bson;

/// <summary>A BSON document: named values in order (a command's name must come first).</summary>
internal sealed record BsonDocument : BsonValue
{
    private readonly List<KeyValuePair<string, BsonValue>> _elements = [];

    /// <summary>The elements, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, BsonValue>> Elements => _elements;

    /// <summary>The number of elements.</summary>
    public int Count => _elements.Count;

    /// <summary>Gets an element's value; throws when it is absent.</summary>
    public BsonValue this[string name] => TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"No element '{name}'.");

    /// <summary>Appends an element (the caller keeps names unique) and returns the document, for building.</summary>
    public BsonDocument Add(string name, BsonValue value)
    {
        _elements.Add(new(name, value));
        return this;
    }

    /// <summary>Appends an element unless <paramref name="value"/> is <see langword="null"/>.</summary>
    public BsonDocument AddIfNotNull(string name, BsonValue? value) => value is null ? this : Add(name, value);

    /// <summary>Replaces an element's value, or appends it.</summary>
    public void Set(string name, BsonValue value)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            _elements.Add(new(name, value));
        }
        else
        {
            _elements[index] = new(name, value);
        }
    }

    /// <summary>Removes an element; returns whether it was there.</summary>
    public bool Remove(string name)
    {
        var index = IndexOf(name);
        if (index >= 0)
        {
            _elements.RemoveAt(index);
        }

        return index >= 0;
    }

    /// <summary>Whether the document has the element.</summary>
    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>Gets an element's value.</summary>
    public bool TryGetValue(string name, out BsonValue value)
    {
        var index = IndexOf(name);
        value = index < 0 ? BsonValue.Null : _elements[index].Value;
        return index >= 0;
    }

    /// <summary>A deep copy (documents and arrays copied, leaf values shared: they are immutable).</summary>
    public BsonDocument DeepClone()
    {
        var copy = new BsonDocument();
        foreach (var element in _elements)
        {
            copy.Add(element.Key, CloneValue(element.Value));
        }

        return copy;
    }

    /// <inheritdoc />
    public bool Equals(BsonDocument? other) => ReferenceEquals(this, other);

    /// <inheritdoc />
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    private static BsonValue CloneValue(BsonValue value) => value switch
    {
        BsonDocument document => document.DeepClone(),
        BsonArray array => new BsonArray(array.Items.Select(CloneValue).ToList()),
        _ => value,
    };

    private int IndexOf(string name)
    {
        for (var i = 0; i < _elements.Count; i++)
        {
            if (string.Equals(_elements[i].Key, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
