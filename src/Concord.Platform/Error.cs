namespace Concord.Platform;

/// <summary>What kind of expected failure an <see cref="Error"/> is; decides the HTTP status in one place.</summary>
public enum ErrorKind
{
    Validation,
    NotFound,
    Conflict,
    Forbidden,
    TooLarge,
}

/// <summary>
/// An expected failure, as a value. <paramref name="Field"/> names the offending input (a JSON path or a
/// parameter name) and <paramref name="Rule"/> the rule it broke, so clients can act on it.
/// </summary>
public sealed record Error(ErrorKind Kind, string Rule, string Message, string? Field = null)
{
    public static Error Validation(string field, string rule, string message) => new(ErrorKind.Validation, rule, message, field);

    public static Error NotFound(string what) => new(ErrorKind.NotFound, "not-found", $"{what} was not found.");

    public static Error Conflict(string rule, string message, string? field = null) => new(ErrorKind.Conflict, rule, message, field);

    public static Error Forbidden(string message) => new(ErrorKind.Forbidden, "forbidden", message);
}

/// <summary>A value or an <see cref="Error"/>.</summary>
public readonly struct Result<T>
{
    private Result(T? value, Error? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public Error? Error { get; }

    public bool IsSuccess => Error is null;

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(Error error) => new(default, error);
}
