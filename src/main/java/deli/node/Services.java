package deli.node;

import deli.chefs.ChefsService;
import deli.cpu.CpuService;
import deli.factor.FactorService;
import deli.imports.ImportsService;
import deli.logserver.LogServerService;
import deli.philosophers.PhilosophersService;
import deli.search.SearchService;
import deli.service.Service;
import deli.sleepers.SleepersService;
import deli.tune.TuneService;
import deli.weather.WeatherHttp;
import java.util.List;

/** Every service a node runs, in the order it starts them and lists them. */
public final class Services {
  public static final List<Service> ALL =
      List.of(
          ChefsService.SERVICE,
          SleepersService.SERVICE,
          CpuService.SERVICE,
          ImportsService.SERVICE,
          WeatherHttp.SERVICE,
          LogServerService.SERVICE,
          FactorService.SERVICE,
          PhilosophersService.SERVICE,
          SearchService.SERVICE,
          TuneService.SERVICE);

  private Services() {}
}
