using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace PakAzBot.Core.Moderation;

/// <summary>A review waiting for its moderator's Confirm or Cancel.</summary>
public sealed record PendingReview(string Token, DocumentReview Review, DocumentChange Change, Moderator Moderator, DateTimeOffset Created);

/// <summary>Why a Confirm or Cancel was not taken.</summary>
public enum PendingOutcome
{
    Taken,
    Unknown,
    Expired,
    NotYours,
}

/// <summary>
/// Reviews waiting for confirmation, in this process's memory: enough for one replica (a review and its buttons go
/// to the replica that made it only by chance with several; run one replica for moderation, or confirm again). Only
/// the moderator who asked can confirm or cancel, within <see cref="Lifetime"/>; each is taken once.
/// </summary>
public sealed class PendingReviews(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, PendingReview> _pending = new(StringComparer.Ordinal);

    public PendingReview Add(DocumentReview review, DocumentChange change, Moderator moderator)
    {
        Sweep();
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var pending = new PendingReview(token, review, change, moderator, clock.GetUtcNow());
        _pending[token] = pending;
        return pending;
    }

    /// <summary>Takes the review for <paramref name="moderatorId"/>: only theirs, only while it is fresh, only once.</summary>
    public (PendingOutcome Outcome, PendingReview? Review) Take(string token, string moderatorId)
    {
        if (!_pending.TryGetValue(token, out var pending))
        {
            return (PendingOutcome.Unknown, null);
        }

        if (!string.Equals(pending.Moderator.Id, moderatorId, StringComparison.Ordinal))
        {
            return (PendingOutcome.NotYours, pending);
        }

        if (clock.GetUtcNow() - pending.Created > Lifetime)
        {
            _pending.TryRemove(token, out _);
            return (PendingOutcome.Expired, pending);
        }

        return _pending.TryRemove(token, out _) ? (PendingOutcome.Taken, pending) : (PendingOutcome.Unknown, null);
    }

    private void Sweep()
    {
        var now = clock.GetUtcNow();
        foreach (var (token, pending) in _pending)
        {
            if (now - pending.Created > Lifetime + Lifetime)
            {
                _pending.TryRemove(token, out _);
            }
        }
    }
}
