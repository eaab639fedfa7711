using Concord.Web.Components.Errors;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.DependencyInjection;
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
        // A signed-in reader keeps the navigation (and can sign out) on a 4xx page, as on any other page: the
        // navigation links need the request's address, the sign-out form an antiforgery token. A 5xx page stays
        // bare, so that it cannot fail the way the page did.
        await using var scope = services.CreateAsyncScope();
        var request = context.Request;
        var navigation = scope.ServiceProvider.GetRequiredService<NavigationManager>();
        ((IHostEnvironmentNavigationManager)navigation).Initialize($"{request.Scheme}://{request.Host}{request.PathBase}/", request.GetEncodedUrl());
        var signedIn = status < 500 && context.User.Identity?.IsAuthenticated == true;
        var tokens = signedIn ? scope.ServiceProvider.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context) : null;
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<ErrorPage>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(ErrorPage.Status)] = status,
                [nameof(ErrorPage.User)] = signedIn ? context.User : null,
                [nameof(ErrorPage.Antiforgery)] = tokens,
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
