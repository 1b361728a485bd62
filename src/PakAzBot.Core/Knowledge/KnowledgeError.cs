namespace PakAzBot.Core.Knowledge;

/// <summary>A problem in a knowledge file, said so that a moderator can fix it. Line 0: the file as a whole (a link, a read).</summary>
public sealed record KnowledgeError(string File, int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}

/// <summary>The knowledge folder was refused: nothing from it was loaded.</summary>
public sealed class KnowledgeValidationException(IReadOnlyList<KnowledgeError> errors)
    : Exception(FormatMessage(errors))
{
    public IReadOnlyList<KnowledgeError> Errors { get; } = errors;

    private static string FormatMessage(IReadOnlyList<KnowledgeError> errors) =>
        $"The knowledge base has {errors.Count} error(s); nothing was loaded:{Environment.NewLine}"
        + string.Join(Environment.NewLine, errors.Select(e => "  " + e));
}
