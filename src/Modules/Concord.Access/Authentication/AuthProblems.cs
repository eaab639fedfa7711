using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concord.Access.Authentication;

/// <summary>
/// Problem details for authentication outcomes (401, 403, 429), which <see cref="Platform.Problems"/> does not cover
/// because they are answered by the authentication pipeline rather than by a module's rules.
/// </summary>
internal static class AuthProblems
{
    public static ProblemHttpResult Create(int status, string rule, string detail, string? field = null)
    {
        var extensions = new Dictionary<string, object?> { ["rule"] = rule };
        if (field is not null)
        {
            extensions["field"] = field;
        }

        var title = status switch
        {
            StatusCodes.Status401Unauthorized => "Authentication required",
            StatusCodes.Status403Forbidden => "Forbidden",
            StatusCodes.Status429TooManyRequests => "Too many requests",
            _ => "Error",
        };
        return TypedResults.Problem(detail, statusCode: status, title: title, type: $"urn:concord:problem:{rule}", extensions: extensions);
    }

    public static ProblemHttpResult Unauthorized(string rule, string detail) => Create(StatusCodes.Status401Unauthorized, rule, detail);

    public static Task WriteAsync(HttpContext context, int status, string rule, string detail) =>
        Create(status, rule, detail).ExecuteAsync(context);

    public static Task WriteTooManyAsync(HttpContext context, TimeSpan retryAfter)
    {
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return WriteAsync(context, StatusCodes.Status429TooManyRequests, "rate-limited",
            "Too many authentication attempts from this address; retry later.");
    }
}
