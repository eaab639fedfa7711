using System.Net.Sockets;
using Concord.Access;
using Concord.Notifications.Features.Delivery;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Concord.Notifications.Features.Email;

/// <summary>Sends one e-mail over the configured SMTP relay (MailKit). The recipient's address is looked up when sending.</summary>
internal sealed class EmailSender(IOptions<NotificationsOptions> options, IAccessDirectory directory)
{
    public bool IsConfigured => Configured(options.Value.Smtp);

    public static bool Configured(SmtpOptions smtp) => !string.IsNullOrWhiteSpace(smtp.Host) && !string.IsNullOrWhiteSpace(smtp.Sender);

    public async Task<SendOutcome> SendAsync(Data.Delivery delivery, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        if (smtp.Host is not { Length: > 0 } host || smtp.Sender is not { Length: > 0 } sender)
        {
            return SendOutcome.Retry("No SMTP relay is configured (Concord:Notifications:Smtp:Host and Sender).");
        }

        var address = delivery.Address;
        if (address is null && delivery.UserId is { } userId)
        {
            address = (await directory.FindMemberAsync(userId, cancellationToken))?.Email;
        }

        if (string.IsNullOrWhiteSpace(address) || !MailboxAddress.TryParse(address, out var to))
        {
            return SendOutcome.GiveUp("The account has no valid e-mail address (or was disabled).");
        }

        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(sender));
        message.To.Add(to);
        message.Subject = delivery.Subject;
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-Concord-Kind", delivery.Kind);
        message.Body = new TextPart("plain") { Text = delivery.Body };

        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(host, smtp.Port, Security(smtp.Security), cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? string.Empty, cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
            return SendOutcome.Done();
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500 && ex.ErrorCode == SmtpErrorCode.RecipientNotAccepted)
        {
            return SendOutcome.GiveUp($"The SMTP server refused the recipient: {(int)ex.StatusCode} {ex.Message}", (int)ex.StatusCode);
        }
        catch (SmtpCommandException ex)
        {
            return SendOutcome.Retry($"The SMTP server answered {(int)ex.StatusCode}: {ex.Message}", (int)ex.StatusCode);
        }
        catch (Exception ex) when (ex is SmtpProtocolException or AuthenticationException or SocketException or IOException or ServiceNotConnectedException or TimeoutException
            or SslHandshakeException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return SendOutcome.Retry($"Sending to {smtp.Host}:{smtp.Port} failed: {ex.Message}");
        }
    }

    private static SecureSocketOptions Security(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
