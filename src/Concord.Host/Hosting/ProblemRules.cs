using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

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

        // A bare 400 from an endpoint: an optional parameter that did not parse (BadRequestProblems.DescribeUnbound says why
        // the exception handler does not see it). Named as the exception handler names one that throws.
        if (problem.Status == StatusCodes.Status400BadRequest && problem.Detail is null && !problem.Extensions.ContainsKey("rule")
            && context.HttpContext.GetEndpoint() is { } endpoint && BadRequestProblems.DescribeUnbound(context.HttpContext, endpoint) is { } unbound)
        {
            problem.Title = unbound.Title;
            problem.Detail = unbound.Detail;
            problem.Type = unbound.Type;
            foreach (var (key, value) in unbound.Extensions)
            {
                problem.Extensions[key] = value;
            }
        }

        // A body routing refused for its media type (the operation declares the one it reads): say what was sent.
        if (problem.Status == StatusCodes.Status415UnsupportedMediaType && problem.Detail is null && !problem.Extensions.ContainsKey("rule"))
        {
            var unsupported = BadRequestProblems.UnsupportedMediaType(context.HttpContext.Request.ContentType);
            problem.Title = unsupported.Title;
            problem.Detail = unsupported.Detail;
            problem.Type = unsupported.Type;
            foreach (var (key, value) in unsupported.Extensions)
            {
                problem.Extensions[key] = value;
            }
        }

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

            // A body over the limit that an endpoint's own binding caught: say the limit, as the exception handler does.
            if (problem.Status == StatusCodes.Status413PayloadTooLarge && problem.Detail is null)
            {
                var limit = context.HttpContext.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value.MaxRequestBytes;
                var tooLarge = ProblemExceptionHandler.RequestTooLarge(limit);
                problem.Title = tooLarge.Title;
                problem.Detail = tooLarge.Detail;
                problem.Type = tooLarge.Type;
                foreach (var (key, value) in tooLarge.Extensions)
                {
                    problem.Extensions[key] = value;
                }
            }
        }

        problem.Instance ??= context.HttpContext.Request.Path;
        var activity = context.HttpContext.Features.Get<IHttpActivityFeature>()?.Activity;
        problem.Extensions.TryAdd("traceId", activity?.Id ?? context.HttpContext.TraceIdentifier);
    }
}
