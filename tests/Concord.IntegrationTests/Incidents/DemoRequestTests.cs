using Concord.Host.Demo;
using Concord.Incidents;
using Concord.Incidents.Data;
using Concord.Incidents.Features.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.Incidents;

/// <summary>The demo alliance's assistance requests: one acknowledged, one open, one the escalation service escalates.</summary>
public class DemoRequestTests
{
    [Fact]
    public async Task DemoRequests_OneAcknowledged_OneOpen_OneEscalated_AndTheRequesterIsTold()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var node = await TestNode.StartAsync(Store.Sqlite, new Dictionary<string, string?> { ["Concord:Demo:Enabled"] = "true", ["Concord:Demo:Indicators"] = "20" });
        await using var scope = node.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(ct);
        await node.Services.GetRequiredService<EscalationFollower>().CatchUpAsync(ct);
        await node.Services.GetRequiredService<Concord.Notifications.Features.FanOut.FanOutFollower>().CatchUpAsync(ct);

        var requests = await scope.ServiceProvider.GetRequiredService<IncidentsDbContext>().Requests.AsNoTracking().OrderBy(r => r.CreatedUs).ToListAsync(ct);
        Assert.Equal(3, requests.Count);
        Assert.Contains(requests, r => r.Status == (int)RequestStatus.Acknowledged);
        Assert.Contains(requests, r => r.Status == (int)RequestStatus.Open && r.EscalationStage == 0);
        Assert.Contains(requests, r => r.Status == (int)RequestStatus.Open && r.EscalationStage == 2 && r.Urgency == (int)RequestUrgency.Critical);
        var inbox = scope.ServiceProvider.GetRequiredService<Concord.Notifications.Data.NotificationsDbContext>().Inbox;
        Assert.True(inbox.Any(i => i.Kind == "assistance-request" && i.Title.StartsWith("Request acknowledged")), "The demo requester was not told of the acknowledgement.");
    }
}
