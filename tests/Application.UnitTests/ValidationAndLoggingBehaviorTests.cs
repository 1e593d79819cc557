using FluentValidation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Moq;
using VariantMiner.Application.Common.Behaviors;
using VariantMiner.Application.Common.Exceptions;

namespace VariantMiner.Application.UnitTests;

public class ValidationAndLoggingBehaviorTests
{
    private sealed class OrgRequestValidator : AbstractValidator<OrgRequest>
    {
        public OrgRequestValidator() => RuleFor(r => r.OrganizationId).NotEmpty();
    }

    [Test]
    public void Invalid_request_gives_field_errors_and_nothing_runs()
    {
        var next = new Pipeline.Next<OrgRequest>();
        var behavior = new ValidationBehavior<OrgRequest, string>([new OrgRequestValidator()]);
        var ex = Assert.ThrowsAsync<ValidationException>(async () => await behavior.Handle(new OrgRequest(Guid.Empty), next.Delegate, default));
        Assert.That(ex!.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "OrganizationId" }));
        Assert.That(next.Called, Is.False);
    }

    [Test]
    public async Task Valid_request_passes()
    {
        var next = new Pipeline.Next<OrgRequest>();
        var behavior = new ValidationBehavior<OrgRequest, string>([new OrgRequestValidator()]);
        await behavior.Handle(new OrgRequest(Guid.NewGuid()), next.Delegate, default);
        Assert.That(next.Called, Is.True);
    }

    [Test]
    public void Unexpected_exception_is_logged_as_error_and_rethrown()
    {
        var logger = new Mock<ILogger<UnhandledExceptionBehavior<PlainRequest, string>>>();
        var behavior = new UnhandledExceptionBehavior<PlainRequest, string>(logger.Object);
        Assert.ThrowsAsync<TimeoutException>(async () =>
            await behavior.Handle(new PlainRequest(), (_, _) => throw new TimeoutException(), default));
        logger.Verify(l => l.Log(LogLevel.Error, It.IsAny<EventId>(), It.IsAny<It.IsAnyType>(), It.IsAny<TimeoutException>(),
            It.IsAny<Func<It.IsAnyType, Exception?, string>>()), Times.Once);
    }

    [Test]
    public void Expected_refusals_are_not_logged_as_errors()
    {
        var logger = new Mock<ILogger<UnhandledExceptionBehavior<PlainRequest, string>>>();
        var behavior = new UnhandledExceptionBehavior<PlainRequest, string>(logger.Object);
        Assert.ThrowsAsync<NotFoundException>(async () =>
            await behavior.Handle(new PlainRequest(), (_, _) => throw new NotFoundException("The organization"), default));
        logger.Verify(l => l.Log(It.IsAny<LogLevel>(), It.IsAny<EventId>(), It.IsAny<It.IsAnyType>(), It.IsAny<Exception?>(),
            It.IsAny<Func<It.IsAnyType, Exception?, string>>()), Times.Never);
    }

    [TestCase(0, true)]
    [TestCase(60_000, false)]
    public async Task Slow_requests_are_logged_as_warnings(int thresholdMilliseconds, bool expectWarning)
    {
        var logger = new Mock<ILogger<PerformanceBehavior<PlainRequest, string>>>();
        var options = Options.Create(new PerformanceOptions { SlowRequestMilliseconds = thresholdMilliseconds });
        var behavior = new PerformanceBehavior<PlainRequest, string>(logger.Object, options);
        await behavior.Handle(new PlainRequest(), async (_, _) => { await Task.Delay(5); return "done"; }, default);
        logger.Verify(l => l.Log(LogLevel.Warning, It.IsAny<EventId>(), It.IsAny<It.IsAnyType>(), It.IsAny<Exception?>(),
            It.IsAny<Func<It.IsAnyType, Exception?, string>>()), expectWarning ? Times.Once() : Times.Never());
    }
}
