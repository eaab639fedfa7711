using Microsoft.AspNetCore.Http.Features;

namespace Concord.Host.Hosting;

/// <summary>
/// Gives every problem details body a machine-readable <c>rule</c>, including the ones the framework writes
/// itself (status code pages: unknown route, wrong method, missing authentication).
/// </summary>
internal static class ProblemRules
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (!problem.Extensions.ContainsKey("rule"))
        {
            var rule = problem.Status switch
            {
                StatusCodes.Status400BadRequest => "bad-request",
                StatusCodes.Status401Unauthorized => "authentication-required",
                StatusCodes.Status403Forbidden => "forbidden",
                StatusCodes.Status404NotFound => "not-found",
                StatusCodes.Status405MethodNotAllowed => "method-not-allowed",
                StatusCodes.Status406NotAcceptable => "not-acceptable",
                StatusCodes.Status413PayloadTooLarge => "request-too-large",
                StatusCodes.Status415UnsupportedMediaType => "unsupported-media-type",
                StatusCodes.Status429TooManyRequests => "rate-limited",
                _ => $"http-{problem.Status}",
            };
            problem.Extensions["rule"] = rule;
            if (problem.Status == StatusCodes.Status404NotFound && problem.Detail is null)
            {
                problem.Detail = $"Nothing is found at {context.HttpContext.Request.Path}.";
            }
        }

        problem.Instance ??= context.HttpContext.Request.Path;
        var activity = context.HttpContext.Features.Get<IHttpActivityFeature>()?.Activity;
        problem.Extensions.TryAdd("traceId", activity?.Id ?? context.HttpContext.TraceIdentifier);
    }
}
