require 'twilio-ruby'

# Texts customers through the REST client.
class Notifier
  def initialize
    @client = Twilio::REST::Client.new(ENV['TWILIO_ACCOUNT_SID'], ENV['TWILIO_AUTH_TOKEN'])
  end

  def notify(to, body)
    @client.messages.create(from: ENV['TWILIO_FROM_NUMBER'], to: to, body: body).sid
  rescue Twilio::REST::RestError => e
    warn e.message
    nil
  end
end
