package deli.imports;

import deli.service.ProgramDescription;
import deli.service.ProgramService;
import deli.service.Service;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * {@code deli imports} as a node service: {@code POST /imports} analyzes a directory on the
 * node's disk per request. The body takes {@code dir}, {@code pattern} and {@code focus}; the
 * answer is {@code deli imports --json}'s object with the trace id and the run's figures.
 */
public final class ImportsService {
  public static final ServiceKey<ProgramService.Command> KEY = ServiceKey.create(ProgramService.Command.class, "deli-imports");

  public static final Service SERVICE =
      ProgramDescription.of("imports", KEY, "analysis", ImportAnalyzer.Report.class, ImportAnalyzer::create)
          .settings(ImportsSettings.OPTIONS, ImportsSettings::from)
          // the node reads only the directories its operator allows
          .checked((ctx, s) -> ctx.fileRoots().confine(s.dir()))
          // a tree's size is not known before it is walked: a run counts as a large one
          .cost(s -> 10_000)
          .does("analyzes a directory under the file roots")
          .answers(ImportsJson::answer);

  private ImportsService() {}
}
