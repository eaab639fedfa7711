using Microsoft.Extensions.DependencyInjection;

namespace Concord.Intel.Features.Feeds;

internal static class FeedRegistration
{
    public static IServiceCollection AddFeeds(this IServiceCollection services)
    {
        services.AddSingleton<FeedRunner>();
        services.AddScoped<IIntelFeeds, FeedService>();
        services.AddHostedService<FeedScheduler>();
        return services;
    }
}
