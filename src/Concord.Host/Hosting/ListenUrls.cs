using Microsoft.AspNetCore.Hosting;

namespace Concord.Host.Hosting;

/// <summary>
/// Where the node listens, in this order: <c>--urls</c> and <c>Concord:Urls</c> (<c>Concord__Urls</c>); then ASP.NET
/// Core's own settings (<c>ASPNETCORE_URLS</c>, <c>DOTNET_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>/<c>HTTPS_PORTS</c>),
/// which operators of any ASP.NET Core service expect to work; then <see cref="ConcordApp.DefaultUrls"/>, loopback
/// only, so that a first start exposes nothing.
/// </summary>
internal static class ListenUrls
{
    /// <summary>The URLs to give the web host, or null to let ASP.NET Core apply its own settings.</summary>
    public static string? Resolve(IConfiguration configuration)
    {
        if (configuration[$"{NodeOptions.Section}:{nameof(NodeOptions.Urls)}"] is { Length: > 0 } urls)
        {
            return urls;
        }

        string[] aspNetCoreKeys = [WebHostDefaults.ServerUrlsKey, WebHostDefaults.HttpPortsKey, WebHostDefaults.HttpsPortsKey];
        return aspNetCoreKeys.Any(key => !string.IsNullOrWhiteSpace(configuration[key])) ? null : ConcordApp.DefaultUrls;
    }
}
