package bot

var kindLabel = map[string]string{
	"us-strike":      "US strike",
	"militia-attack": "militia attack",
	"protest":        "protest",
	"statement":      "statement",
	"parade":         "parade",
	"designation":    "designation",
	"background":     "background",
}

var claimantLabel = map[string]string{
	"us-official":     "US official",
	"iraqi-official":  "Iraqi official",
	"syrian-official": "Syrian official",
	"militia":         "militia",
	"armed-group":     "armed group",
	"monitor":         "monitor",
	"state-media":     "state media",
	"anonymous":       "anonymous sources",
	"report":          "unattributed report",
}
