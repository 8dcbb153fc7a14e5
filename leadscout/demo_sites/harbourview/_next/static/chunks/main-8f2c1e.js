(self.webpackChunk_N_E=self.webpackChunk_N_E||[]).push([[179],{},function(e){console.debug("hv build hv-2024-05-b7")}]);
