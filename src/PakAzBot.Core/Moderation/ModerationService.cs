using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using PakAzBot.Core.Serving;

namespace PakAzBot.Core.Moderation;

/// <summary>One moderator's change, confirmed or not, as the audit trail keeps it.</summary>
public sealed record DocumentAuditEntry(
    DateTimeOffset Time,
    string Surface,
    string ModeratorId,
    string ModeratorName,
    string Action,
    string DocumentId,
    string File,
    string Outcome,
    string? HashBefore,
    string? HashAfter,
    string? Detail);

/// <summary>The audit trail of moderators' document changes, kept in the feedback database.</summary>
public interface IDocumentAudit
{
    Task RecordDocumentChangeAsync(DocumentAuditEntry entry, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DocumentAuditEntry>> ReadDocumentChangesAsync(CancellationToken cancellationToken = default);
}

/// <summary>What a confirmed change did, worded for the moderator.</summary>
public sealed record ApplyResult(bool Succeeded, string Message, string? HashAfter, string? Commit = null, bool NotTaken = false);

/// <summary>
/// Moderators' document changes, from any surface: the review, the pending confirmation, the change itself (into the
/// folder or the Git repository) and the audit trail of each outcome. Surfaces only fetch the file and draw buttons.
/// </summary>
public sealed partial class ModerationService(
    string knowledgeRoot,
    IKnowledgeSink sink,
    IDocumentAudit audit,
    IReindexer? reindexer,
    TimeProvider clock,
    ILogger<ModerationService> logger)
{
    public const string Applied = "applied", Cancelled = "cancelled", Failed = "failed";

    /// <summary>The named HttpClient that fetches moderators' files.</summary>
    public const string HttpClientName = "pakazbot-documents";

    /// <summary>How long a fetch of a moderator's file (Discord's CDN, Teams' download URL) may take.</summary>
    public static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(20);

    public PendingReviews Pending { get; } = new(clock);

    public string KnowledgeRoot => knowledgeRoot;

    public string SinkKind => sink.Kind;

    public (DocumentReview? Review, DocumentRefusal? Refusal) ReviewAdd(string fileName, byte[] bytes) =>
        DocumentReviewer.ReviewAdd(knowledgeRoot, fileName, bytes);

    public DocumentReview? ReviewRemove(string id) => DocumentReviewer.ReviewRemove(knowledgeRoot, id);

    /// <summary>The change a valid review stands for.</summary>
    public static DocumentChange ChangeOf(DocumentReview review, byte[]? bytes) =>
        new(review.Action, review.Id, review.Action == DocumentAction.Replace ? review.Replaces! : review.File, review.Action == DocumentAction.Remove ? null : bytes);

    /// <summary>Keeps a valid review for its moderator to confirm; the token goes into the buttons.</summary>
    public PendingReview Hold(DocumentReview review, byte[]? bytes, Moderator moderator) => Pending.Add(review, ChangeOf(review, bytes), moderator);

    /// <summary>
    /// A chat review: held for its moderator's confirmation when it is valid (the token for the buttons), else recorded
    /// as refused, since it can never be confirmed.
    /// </summary>
    public async Task<string?> HoldOrRefuseAsync(DocumentReview review, byte[]? bytes, Moderator moderator, CancellationToken cancellationToken)
    {
        if (review.Valid)
        {
            return Hold(review, bytes, moderator).Token;
        }

        await RecordCancelledAsync(review, moderator, "refused: the review found problems", cancellationToken);
        return null;
    }

    /// <summary>The moderator's Confirm: applies the held change, or says why not (someone else's, too late, already done).</summary>
    public async Task<ApplyResult> ConfirmAsync(string token, Moderator moderator, CancellationToken cancellationToken)
    {
        var (outcome, pending) = Pending.Take(token, moderator.Id);
        if (outcome != PendingOutcome.Taken)
        {
            return new ApplyResult(false, Refused(outcome), null, NotTaken: true);
        }

        return await ApplyAsync(pending!.Review, pending.Change, moderator, cancellationToken);
    }

    /// <summary>The moderator's Cancel: nothing changes, and the audit trail says so.</summary>
    public async Task<ApplyResult> CancelAsync(string token, Moderator moderator, CancellationToken cancellationToken)
    {
        var (outcome, pending) = Pending.Take(token, moderator.Id);
        if (outcome is PendingOutcome.Unknown or PendingOutcome.NotYours)
        {
            return new ApplyResult(false, Refused(outcome), null, NotTaken: true);
        }

        await RecordAsync(pending!.Review, moderator, Cancelled, null, outcome == PendingOutcome.Expired ? "cancelled after the review expired" : null, cancellationToken);
        return new ApplyResult(true, $"Cancelled: `{pending.Review.Id}` is left as it was; nothing changed.", pending.Review.HashBefore);
    }

    /// <summary>Records a review its moderator confirmed in the same step (the admin API, the command line) or refused.</summary>
    public Task RecordCancelledAsync(DocumentReview review, Moderator moderator, string? detail, CancellationToken cancellationToken) =>
        RecordAsync(review, moderator, Cancelled, null, detail, cancellationToken);

    /// <summary>Makes the change of a valid review in the knowledge source and records it; then reindexes a folder.</summary>
    public async Task<ApplyResult> ApplyAsync(DocumentReview review, DocumentChange change, Moderator moderator, CancellationToken cancellationToken)
    {
        if (!review.Valid)
        {
            return new ApplyResult(false, "The review found problems; nothing was changed.", null);
        }

        SinkResult result;
        try
        {
            result = await sink.ApplyAsync(change, moderator, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            result = new SinkResult(false, $"the knowledge folder could not be written: {e.Message}");
        }

        if (!result.Succeeded)
        {
            LogFailed(moderator.ToString(), review.Id, result.Message);
            await RecordAsync(review, moderator, Failed, null, result.Message, cancellationToken);
            return new ApplyResult(false, $"Nothing was changed: {result.Message}.", null);
        }

        await RecordAsync(review, moderator, Applied, review.HashAfter, result.Commit ?? result.Message, cancellationToken);
        LogApplied(moderator.ToString(), review.Action.ToString().ToLowerInvariant(), review.Id, sink.Kind, review.HashAfter);
        var hash = review.HashAfter?[..12];
        if (sink.Kind == "folder")
        {
            var reindex = reindexer is null ? null : await reindexer.ReindexAsync("moderator", cancellationToken);
            var live = reindex?.Generation?.ContentHash == review.HashAfter ? "it is live here now" : "the bot reindexes it shortly";
            return new ApplyResult(true, $"Done: {Verb(review)} `{review.Id}` ({change.File}); {live}. /healthz shows contentHash {hash}… once it serves it.", review.HashAfter);
        }

        return new ApplyResult(true,
            $"Done: {Verb(review)} `{review.Id}`: {result.Message}. Once git-sync has pulled it, /healthz on this replica shows contentHash {hash}… (it shows {review.HashBefore?[..12] ?? "another"}… until then).",
            review.HashAfter, result.Commit);
    }

    private static string Verb(DocumentReview review) => review.Action switch
    {
        DocumentAction.Remove => "removed",
        DocumentAction.Replace => "replaced",
        _ => "added",
    };

    private Task RecordAsync(DocumentReview review, Moderator moderator, string outcome, string? hashAfter, string? detail, CancellationToken cancellationToken) =>
        audit.RecordDocumentChangeAsync(new DocumentAuditEntry(clock.GetUtcNow(), moderator.Surface, moderator.Id, moderator.Name,
            review.Action.ToString().ToLowerInvariant(), review.Id ?? "", review.Action == DocumentAction.Replace ? review.Replaces ?? review.File : review.File,
            outcome, review.HashBefore, hashAfter, detail), cancellationToken);

    private static string Refused(PendingOutcome outcome) => outcome switch
    {
        PendingOutcome.NotYours => "Only the moderator who asked for this change can confirm or cancel it.",
        PendingOutcome.Expired => $"This review is more than {PendingReviews.Lifetime.TotalMinutes:0} minutes old, so it was not applied; send the document again for a fresh review.",
        _ => "This review is no longer waiting: it was confirmed or cancelled already, or the bot restarted. Send the document again.",
    };

    /// <summary>
    /// Fetches a moderator's file (an attachment on Discord's CDN, a Teams download URL) over http(s), at most
    /// <see cref="DocumentReviewer.MaxDocumentBytes"/> and <see cref="FetchTimeout"/>: the bytes, or a refusal.
    /// </summary>
    public static async Task<(byte[]? Bytes, DocumentRefusal? Refusal)> FetchAsync(HttpClient http, string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            return (null, new DocumentRefusal(400, "The file's address is not an http(s) address, so it cannot be fetched."));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(FetchTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return (null, new DocumentRefusal(502, $"The file could not be fetched: its host answered {(int)response.StatusCode}. Send it again."));
            }

            if (response.Content.Headers.ContentLength is > DocumentReviewer.MaxDocumentBytes)
            {
                return (null, DocumentReviewer.Refusal("x.md", response.Content.Headers.ContentLength.Value, null));
            }

            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            var bytes = await Serving.BoundedBody.ReadAsync(stream, null, DocumentReviewer.MaxDocumentBytes, timeout.Token);
            return bytes is null
                ? (null, DocumentReviewer.Refusal("x.md", DocumentReviewer.MaxDocumentBytes + 1L, null))
                : (bytes, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, new DocumentRefusal(504, $"The file took longer than {FetchTimeout.TotalSeconds:0} s to fetch; send it again."));
        }
        catch (HttpRequestException e)
        {
            return (null, new DocumentRefusal(502, $"The file could not be fetched ({e.Message}). Send it again."));
        }
    }

    [LoggerMessage(EventId = 60, Level = LogLevel.Information, Message = "Moderator {Moderator}: {Action} {DocumentId} into the {Sink}; content hash after {HashAfter}")]
    private partial void LogApplied(string moderator, string action, string? documentId, string sink, string? hashAfter);

    [LoggerMessage(EventId = 61, Level = LogLevel.Warning, Message = "Moderator {Moderator}: the change of {DocumentId} failed: {Reason}")]
    private partial void LogFailed(string moderator, string? documentId, string reason);
}
