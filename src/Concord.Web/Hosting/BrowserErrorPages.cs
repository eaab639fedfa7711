using Concord.Web.Components.Errors;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Concord.Web.Hosting;

/// <summary>
/// A browser that asked for a page and got an error status with no body (unknown URL, 403, a forged form) sees an
/// HTML page saying so; an exception while rendering becomes a 500 page that shows no stack trace or message (they
/// can carry SQL, paths or values) — the exception goes to the log. API and TAXII paths are untouched.
/// </summary>
internal sealed partial class BrowserErrorPages(RequestDelegate next, IServiceProvider services, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger<BrowserErrorPages>();

    public async Task InvokeAsync(HttpContext context)
    {
        if (!BrowserRequests.WantsPage(context))
        {
            await next(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (Exception exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            Log.PageFailed(_logger, exception, context.Request.Method, context.Request.Path);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        }

        var status = context.Response.StatusCode;
        if (status >= 400 && !context.Response.HasStarted && context.Response.ContentLength is null or 0 && context.Response.ContentType is null)
        {
            await WriteAsync(context, status);
        }
    }

    private async Task WriteAsync(HttpContext context, int status)
    {
        await using var renderer = new HtmlRenderer(services, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<ErrorPage>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(ErrorPage.Status)] = status,
                [nameof(ErrorPage.SignedIn)] = context.User.Identity?.IsAuthenticated == true,
            }));
            return output.ToHtmlString();
        });
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(html, context.RequestAborted);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "A page failed for {Method} {Path}")]
        public static partial void PageFailed(ILogger logger, Exception exception, string method, PathString path);
    }
}
