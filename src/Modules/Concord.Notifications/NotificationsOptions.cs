using System.ComponentModel.DataAnnotations;

namespace Concord.Notifications;

/// <summary>How the node's outgoing mail is sent (<c>Concord:Notifications:Smtp</c>).</summary>
public enum SmtpSecurity
{
    /// <summary>STARTTLS when the server offers it (port 25, 587), TLS from the start on port 465.</summary>
    Auto,

    /// <summary>Plain SMTP: only for a relay on the same host or network.</summary>
    None,

    StartTls,

    SslOnConnect,
}

internal sealed class SmtpOptions
{
    /// <summary>The relay; without it, e-mail notifications wait in the queue and the node admin's page says why.</summary>
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>The From address, e.g. <c>Concord &lt;concord@cert.example&gt;</c>.</summary>
    public string? Sender { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Notification settings, bound from <c>Concord:Notifications</c> and validated on start.</summary>
internal sealed class NotificationsOptions
{
    public const string Section = "Concord:Notifications";

    /// <summary>The node's address as users reach it (<c>https://concord.cert.example</c>), for links in e-mails and webhooks.</summary>
    [Url]
    public string? PublicUrl { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>How many times an e-mail or webhook is tried before it is marked failed.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait before the first retry; it doubles with each attempt (with jitter), up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the workers look for work nobody signalled (another process's writes, retries that fall due).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
