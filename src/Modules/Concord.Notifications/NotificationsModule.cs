using Concord.Notifications.Data;
using Concord.Notifications.Endpoints;
using Concord.Notifications.Features.Delivery;
using Concord.Notifications.Features.Email;
using Concord.Notifications.Features.FanOut;
using Concord.Notifications.Features.Outbox;
using Concord.Notifications.Features.Preferences;
using Concord.Notifications.Features.Webhooks;
using Concord.Platform;
using Concord.Platform.Feeds;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Concord.Notifications;

/// <summary>
/// The Notifications module's doors: modules register their kinds and renderers and call <see cref="INotifier"/>; users
/// read their inbox and choose channels; org admins set webhooks; node admins see the mail relay's state.
/// </summary>
public static class NotificationsModule
{
    public const string Name = "notifications";

    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<NotificationsOptions>().Bind(configuration.GetSection(NotificationsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddModuleDbContext<NotificationsDbContext, SqliteNotificationsDbContext, PostgresNotificationsDbContext>(Name);
        services.AddSingleton<NotificationKinds>();
        services.AddSingleton<WebhookPayloads>();
        services.AddScoped<INotifier, Notifier>();
        services.AddScoped<PreferenceStore>();
        services.AddScoped<EmailSender>();
        services.AddScoped<WebhookSender>();
        services.AddScoped<IInbox, Features.Inbox.Inbox>();
        services.AddScoped<INotificationPreferences, NotificationPreferences>();
        services.AddScoped<IWebhooks, Webhooks>();
        services.AddScoped<MailStatusService>();
        services.AddScoped<IMailStatus>(sp => sp.GetRequiredService<MailStatusService>());
        services.AddFollower<DeliveryFollower>(Poll);
        services.AddFollower<FanOutFollower>(Poll);
        return services;
    }

    /// <summary>Registers a kind of notification and the renderer that reads its subject for each recipient.</summary>
    public static IServiceCollection AddNotificationKind<TRenderer>(this IServiceCollection services, NotificationKind kind)
        where TRenderer : class, INotificationRenderer
    {
        services.AddSingleton(kind);
        services.AddScoped<INotificationRenderer, TRenderer>();
        return services;
    }

    public static async Task MigrateNotificationsAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.MigrateModuleAsync<NotificationsDbContext>(cancellationToken);
    }

    public static IEndpointRouteBuilder MapNotificationsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapInboxEndpoints();
        endpoints.MapWebhookEndpoints();
        endpoints.MapMailEndpoints();
        return endpoints;
    }

    private static TimeSpan Poll(IServiceProvider services) => services.GetRequiredService<IOptions<NotificationsOptions>>().Value.PollInterval;
}
