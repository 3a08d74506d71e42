namespace PowerSync.Backend.Core.Wire;

/// <summary>Why a request body was refused.</summary>
public enum UploadFormatError
{
    /// <summary>The body is not well-formed JSON.</summary>
    MalformedJson,

    /// <summary>A required field is absent (or null).</summary>
    MissingField,

    /// <summary>A field has the wrong JSON type or an unusable value.</summary>
    InvalidField,

    /// <summary>The <c>op</c> field names no known operation.</summary>
    UnknownOperation,

    /// <summary>The transactions, entries or nesting exceed the configured <see cref="UploadLimits"/>.</summary>
    LimitExceeded,

    /// <summary>The body is larger than <see cref="UploadLimits.MaxBytes"/> (HTTP hosts answer 413).</summary>
    BodyTooLarge,

    /// <summary>The body holds no transactions or entries.</summary>
    Empty,
}
