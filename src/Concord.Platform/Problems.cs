using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concord.Platform;

/// <summary>The one place where expected failures become RFC 9457 problem details.</summary>
public static class Problems
{
    /// <summary>The HTTP status of an expected failure; the browser UI answers a refused form with the same one.</summary>
    public static int StatusOf(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Kind switch
        {
            ErrorKind.Validation => StatusCodes.Status400BadRequest,
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.Conflict => StatusCodes.Status409Conflict,
            ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            ErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
            _ => StatusCodes.Status400BadRequest,
        };
    }

    /// <summary>An endpoint's answer to a service's result: 200 with the value, or the failure as problem details.</summary>
    public static Results<Ok<T>, ProblemHttpResult> ToOk<T>(this Result<T> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();

    public static ProblemHttpResult ToProblem(this Error error)
    {
        var status = StatusOf(error);
        var extensions = new Dictionary<string, object?> { ["rule"] = error.Rule };
        if (error.Field is not null)
        {
            extensions["field"] = error.Field;
        }

        return TypedResults.Problem(
            detail: error.Message,
            statusCode: status,
            title: error.Kind switch
            {
                ErrorKind.Validation => "Invalid request",
                ErrorKind.NotFound => "Not found",
                ErrorKind.Conflict => "Conflict",
                ErrorKind.Forbidden => "Forbidden",
                ErrorKind.TooLarge => "Request too large",
                _ => "Error",
            },
            type: $"urn:concord:problem:{error.Rule}",
            extensions: extensions);
    }
}
