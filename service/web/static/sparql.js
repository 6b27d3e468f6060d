// The /sparql page: YASGUI on this endpoint, nikg's prefixes inserted, README examples one click away.
(function () {
  "use strict";
  var cfg = JSON.parse(document.getElementById("nikg-sparql-config").textContent);
  Yasgui.Yasr.registerPlugin("graph", window.NikgGraphPlugin);
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: cfg.endpoint, method: "POST", acceptHeaderGraph: "application/n-triples" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: cfg.endpoint }]; } },
    persistenceId: null,
    yasqe: { value: cfg.initial },
    yasr: { pluginOrder: ["table", "graph", "response"], defaultPlugin: "table", prefixes: cfg.prefixes }
  });
  function withPrefixes(tab) {
    tab.getYasqe().addPrefixes(cfg.prefixes);
  }
  withPrefixes(yasgui.getTab());
  yasgui.on("tabAdd", function (instance, tabId) {
    window.setTimeout(function () { withPrefixes(yasgui.getTab(tabId)); }, 0);
  });
  var buttons = document.querySelectorAll("#examples button[data-example]");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].addEventListener("click", function (event) {
      var example = cfg.examples[Number(event.currentTarget.getAttribute("data-example"))];
      var tab = yasgui.getTab();
      tab.setQuery(example.query);
      withPrefixes(tab);
      tab.getYasr().selectPlugin(example.view || "table");
      tab.query();
    });
  }
  window.nikgYasgui = yasgui;
})();
