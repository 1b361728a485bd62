using PakAzBot.Core.Answering;

namespace PakAzBot.Tests.Answering;

public sealed class QuestionClassifierTests
{
    [Theory]
    [InlineData("When did Pakistan recognize Azerbaijan?", QuestionType.When)]
    [InlineData("what year was the military agreement signed", QuestionType.When)]
    [InlineData("In which month did they sign the energy deal?", QuestionType.When)]
    [InlineData("Tell me when the drills were held", QuestionType.When)]
    [InlineData("Who opened the exhibition?", QuestionType.Who)]
    [InlineData("Which country recognized Azerbaijan first?", QuestionType.Who)]
    [InlineData("Where was the ceremony?", QuestionType.Where)]
    [InlineData("Why are relations good?", QuestionType.Why)]
    [InlineData("How many units were trained?", QuestionType.HowMany)]
    [InlineData("How much is bilateral trade?", QuestionType.HowMany)]
    [InlineData("What was the bilateral trade turnover in 2018?", QuestionType.HowMany)]
    [InlineData("Which fighter jet interested Azerbaijan?", QuestionType.Which)]
    [InlineData("What does the business forum focus on?", QuestionType.What)]
    [InlineData("Will Azerbaijan remain a loyal partner?", QuestionType.YesNo)]
    [InlineData("pakistan azerbaijan trade", QuestionType.Other)]
    public void ClassifiesByWhatTheQuestionAsksFor(string question, QuestionType expected)
    {
        Assert.Equal(expected, QuestionClassifier.Classify(question));
    }
}
