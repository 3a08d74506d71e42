namespace PowerSync.Backend.Core.Model;

/// <summary>The kind of change a client made to one row.</summary>
public enum CrudOperation
{
    /// <summary>Insert the row, or replace it when it exists (wire name <c>PUT</c>).</summary>
    Put,

    /// <summary>Update only the columns the client changed (wire name <c>PATCH</c>).</summary>
    Patch,

    /// <summary>Delete the row (wire name <c>DELETE</c>).</summary>
    Delete,
}
