require 'sinatra'
require 'twilio-ruby'
require_relative 'lib/notifier'

# The IVR menu, and an SMS webhook that checks Twilio's signature.
post '/voice' do
  response = Twilio::TwiML::VoiceResponse.new do |r|
    r.gather(num_digits: 1, action: '/menu') do |gather|
      gather.say(message: 'Press 1 for sales, 2 for support.')
    end
  end
  content_type 'text/xml'
  response.to_s
end

post '/sms' do
  validator = Twilio::Security::RequestValidator.new(ENV['TWILIO_AUTH_TOKEN'])
  halt 403 unless validator.validate(request.url, params, request.env['HTTP_X_TWILIO_SIGNATURE'])
  reply = Twilio::TwiML::MessagingResponse.new
  reply.message(body: 'Thanks! Reply STOP to opt out.')
  content_type 'text/xml'
  reply.to_s
end
