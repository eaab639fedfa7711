using System.Text.Json;
using Concord.Taxii.Data;
using Concord.Taxii.Features.Status;
using Concord.Taxii.Http;

namespace Concord.Taxii.Endpoints;

/// <summary>Writes the status resource (T 4.3.1); empty lists are left out (T 2).</summary>
internal static class StatusWriter
{
    public static TaxiiOk Write(TaxiiStatus status, int httpStatus) => new(w =>
    {
        var lists = StatusLists.FromJson(status.DetailsJson);
        w.WriteStartObject();
        w.WriteString("id", status.Id);
        w.WriteString("status", status.Complete ? "complete" : "pending");
        w.WriteString("request_timestamp", TaxiiTime.Format(DateTimeOffset.UnixEpoch.AddTicks(status.RequestUs * 10)));
        w.WriteNumber("total_count", status.Total);
        w.WriteNumber("success_count", status.Succeeded);
        w.WriteNumber("failure_count", status.Failed);
        w.WriteNumber("pending_count", status.Pending);
        List("successes", lists.Successes, w);
        List("failures", lists.Failures, w);
        List("pendings", lists.Pendings, w);
        w.WriteEndObject();
    }, httpStatus);

    private static void List(string name, List<StatusDetail>? details, Utf8JsonWriter w)
    {
        if (details is not { Count: > 0 })
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var d in details)
        {
            w.WriteStartObject();
            w.WriteString("id", d.Id);
            w.WriteString("version", d.Version);
            if (d.Message is not null)
            {
                w.WriteString("message", d.Message);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
